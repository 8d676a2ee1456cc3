package dev.scenelift.metadata;

import java.time.LocalDate;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One Level-1/Level-2 scene that contributed pixels to the tile ({@code scene_metadata}).
 *
 * @param index 1-based position in the document
 * @param satellite e.g. {@code LANDSAT_5}
 * @param instrument e.g. {@code TM}
 * @param acquired acquisition date
 * @param productId the Level-1 product id, e.g. {@code LT05_L1TP_043031_20080716_20161103_01_A1}
 * @param sceneId the Level-1 scene id, e.g. {@code LT50430312008198PAC01}; empty when the format has none
 * @param wrsPath WRS-2 path, when stated
 * @param wrsRow WRS-2 row, when stated
 */
public record ContributingScene(
    int index,
    String satellite,
    String instrument,
    LocalDate acquired,
    String productId,
    String sceneId,
    OptionalInt wrsPath,
    OptionalInt wrsRow) {
  public ContributingScene {
    if (index < 1) {
      throw new IllegalArgumentException("scene index must be at least 1, got " + index);
    }
    Objects.requireNonNull(satellite, "satellite");
    Objects.requireNonNull(instrument, "instrument");
    Objects.requireNonNull(acquired, "acquired");
    Objects.requireNonNull(productId, "productId");
    Objects.requireNonNull(sceneId, "sceneId");
    Objects.requireNonNull(wrsPath, "wrsPath");
    Objects.requireNonNull(wrsRow, "wrsRow");
  }
}
