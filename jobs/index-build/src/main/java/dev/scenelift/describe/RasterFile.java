package dev.scenelift.describe;

import dev.scenelift.scene.Bundle;
import java.util.Objects;

/**
 * A raster found in a scene folder, before it is described.
 *
 * @param bundle its bundle
 * @param code band code, e.g. {@code SRB4}
 * @param href path relative to the scene folder
 * @param cloudOptimized a COG (true) or a raw GeoTIFF
 * @param gdalPath what GDAL opens, e.g. {@code /vsis3/bucket/key}
 */
public record RasterFile(Bundle bundle, String code, String href, boolean cloudOptimized, String gdalPath) {
  public RasterFile {
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(href, "href");
    Objects.requireNonNull(gdalPath, "gdalPath");
  }
}
