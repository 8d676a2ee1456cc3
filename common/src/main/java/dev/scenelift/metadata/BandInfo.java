package dev.scenelift.metadata;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One band of the tile as the metadata lists it.
 *
 * @param name e.g. {@code PIXELQA}, {@code SRB1}
 * @param fileName as written: a full {@code .tif} name, or (v1.1 tiles) just the band name
 * @param dataType e.g. {@code UINT16}, {@code INT16}
 * @param fillValue the fill value as written, when stated
 * @param scaleFactor the scale factor, when stated
 * @param category e.g. {@code qa}, {@code image}; empty when not stated
 */
public record BandInfo(
    String name,
    String fileName,
    String dataType,
    Optional<String> fillValue,
    OptionalDouble scaleFactor,
    String category) {
  public BandInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(dataType, "dataType");
    Objects.requireNonNull(fillValue, "fillValue");
    Objects.requireNonNull(scaleFactor, "scaleFactor");
    Objects.requireNonNull(category, "category");
  }
}
