package dev.scenelift.describe;

import dev.scenelift.scene.Bundle;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
  private static final Pattern SR_BAND = Pattern.compile("SR_?(B\\d)");

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

  /**
   * The spectral band name for surface reflectance files (C1 {@code SRB4}, C2 {@code SR_B4} → {@code B4}); empty for
   * others.
   */
  public Optional<String> srBand() {
    Matcher m = SR_BAND.matcher(code);
    return bundle == Bundle.SR && m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /**
   * Whether the file is a QA band (bit fields or codes, not a measured quantity): every ARD QA band has {@code QA} in
   * its code (C1 {@code PIXELQA}, {@code SRAEROSOLQA}; C2 {@code QA_PIXEL}, {@code SR_QA_AEROSOL}, {@code ST_QA}),
   * whichever bundle holds it.
   */
  public boolean quality() {
    return code.toUpperCase(java.util.Locale.ROOT).contains("QA");
  }

  /** The asset key / measurement name: lower case code, e.g. {@code srb4}. */
  public String key() {
    return code.toLowerCase(java.util.Locale.ROOT);
  }
}
