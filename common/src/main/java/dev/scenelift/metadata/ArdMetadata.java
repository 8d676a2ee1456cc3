package dev.scenelift.metadata;

import dev.scenelift.scene.Collection;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The values scenelift uses from one ARD tile metadata document, Collection 1 ({@code <ard_metadata>}) or Collection 2
 * ({@code <LANDSAT_METADATA_FILE>}). Parse with {@link ArdMetadataParser}.
 *
 * @param productId the tile's product id
 * @param format which document generation it came from, e.g. {@code C1 1.1 https://landsat.usgs.gov/ard/v1}
 * @param acquired acquisition date
 * @param produced production time
 * @param satellite e.g. {@code LANDSAT_8}
 * @param instrument as written, e.g. {@code OLI/TIRS_Combined}
 * @param region {@code CU}, {@code AK} or {@code HI}; empty for the 2017 pre-release, which omits it
 * @param tile the tile (from {@code tile_grid h= v=})
 * @param sceneCount how many scenes contributed
 * @param cover cloud, shadow, snow/ice and fill percentages
 * @param bounds WGS84 bounding coordinates
 * @param projection the map projection
 * @param bands the tile's bands, in document order
 * @param scenes the contributing scenes, in document order
 */
public record ArdMetadata(
    SceneId productId,
    String format,
    LocalDate acquired,
    Instant produced,
    String satellite,
    String instrument,
    Optional<String> region,
    Tile tile,
    int sceneCount,
    CoverPercent cover,
    GeoBounds bounds,
    ProjectionInfo projection,
    List<BandInfo> bands,
    List<ContributingScene> scenes) {

  public ArdMetadata {
    Objects.requireNonNull(productId, "productId");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(acquired, "acquired");
    Objects.requireNonNull(produced, "produced");
    Objects.requireNonNull(satellite, "satellite");
    Objects.requireNonNull(instrument, "instrument");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(tile, "tile");
    Objects.requireNonNull(cover, "cover");
    Objects.requireNonNull(bounds, "bounds");
    Objects.requireNonNull(projection, "projection");
    bands = List.copyOf(bands);
    scenes = List.copyOf(scenes);
  }

  public Collection collection() {
    return productId.collection();
  }

  /** The band of that name, e.g. {@code PIXELQA} (C1) or {@code QA_PIXEL} (C2). */
  public Optional<BandInfo> band(String name) {
    return bands.stream().filter(b -> b.name().equals(name)).findFirst();
  }
}
