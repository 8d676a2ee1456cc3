package dev.scenelift.metadata;

/**
 * The tile-level cover figures USGS computes from the pixel QA band, in percent: cloud, cloud shadow and snow/ice over
 * the non-fill pixels, fill over the whole tile.
 */
public record CoverPercent(double cloudCover, double cloudShadow, double snowIce, double fill) {
  public CoverPercent {
    check("cloud_cover", cloudCover);
    check("cloud_shadow", cloudShadow);
    check("snow_ice", snowIce);
    check("fill", fill);
  }

  private static void check(String name, double value) {
    if (!(value >= 0 && value <= 100)) {
      throw new IllegalArgumentException(name + " must be a percentage in [0, 100], got " + value);
    }
  }
}
