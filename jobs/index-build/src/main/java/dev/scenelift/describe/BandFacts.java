package dev.scenelift.describe;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one raster file holds, as far as known: from GDAL when the file could be read, else empty.
 *
 * @param dataType STAC/numpy name, e.g. {@code int16}
 * @param nodata the nodata value
 * @param scale the scale factor
 * @param offset the offset
 */
public record BandFacts(Optional<String> dataType, OptionalDouble nodata, OptionalDouble scale, OptionalDouble offset) {
  public static final BandFacts UNKNOWN =
      new BandFacts(Optional.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());

  public BandFacts {
    Objects.requireNonNull(dataType, "dataType");
    Objects.requireNonNull(nodata, "nodata");
    Objects.requireNonNull(scale, "scale");
    Objects.requireNonNull(offset, "offset");
  }
}
