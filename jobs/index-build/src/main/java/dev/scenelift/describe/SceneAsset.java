package dev.scenelift.describe;

import dev.scenelift.scene.Bundle;
import java.util.Objects;
import java.util.Optional;

/**
 * One raster of a scene that the catalog documents describe.
 *
 * @param bundle the bundle it came from
 * @param code the file's band code after {@code <scene-id>_}, e.g. {@code SRB4} or {@code PIXELQA}
 * @param href the path relative to the scene folder, e.g. {@code SR/<id>_SRB4.tif}
 * @param cloudOptimized true for a COG from cog-convert, false for a raw GeoTIFF
 * @param facts data type, nodata, scale
 * @param grid the raster's own grid, when GDAL could read it
 */
public record SceneAsset(
    Bundle bundle, String code, String href, boolean cloudOptimized, BandFacts facts, Optional<RasterGrid> grid) {
  public SceneAsset {
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(href, "href");
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(grid, "grid");
    if (href.startsWith("/") || href.contains("..")) {
      throw new IllegalArgumentException("asset href must be relative and inside the scene: " + href);
    }
  }

  /** The spectral band name for surface reflectance files ({@code SRB4} → {@code B4}); empty for others. */
  public Optional<String> srBand() {
    return bundle == Bundle.SR && code.matches("SRB\\d") ? Optional.of(code.substring(2)) : Optional.empty();
  }

  /** The asset key / measurement name: lower case code, e.g. {@code srb4}. */
  public String key() {
    return code.toLowerCase(java.util.Locale.ROOT);
  }
}
