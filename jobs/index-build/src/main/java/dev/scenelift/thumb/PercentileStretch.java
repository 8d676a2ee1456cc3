package dev.scenelift.thumb;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * A linear stretch of one band to 1–255 (0 is kept for nodata) between two values: two percentiles of its valid pixels
 * ({@link #of}), or two given raw values.
 *
 * @param low the value that maps to the darkest colour
 * @param high the value that maps to the brightest colour
 */
public record PercentileStretch(double low, double high) {
  public static final double LOW_PERCENT = 2;
  public static final double HIGH_PERCENT = 98;

  public PercentileStretch {
    if (!(high >= low)) {
      throw new IllegalArgumentException("stretch high " + high + " is below low " + low);
    }
  }

  /**
   * The 2nd–98th percentile stretch of the pixels that are not NaN and not {@code nodata}.
   *
   * @return empty when the band has no valid pixel
   */
  public static java.util.Optional<PercentileStretch> of(float[] pixels, OptionalDouble nodata) {
    float[] valid = new float[pixels.length];
    int n = 0;
    for (float p : pixels) {
      if (isValid(p, nodata)) {
        valid[n++] = p;
      }
    }
    if (n == 0) {
      return java.util.Optional.empty();
    }
    Arrays.sort(valid, 0, n);
    return java.util.Optional.of(
        new PercentileStretch(valid[rank(LOW_PERCENT, n)], valid[rank(HIGH_PERCENT, n)]));
  }

  public static boolean isValid(float p, OptionalDouble nodata) {
    return !Float.isNaN(p) && (nodata.isEmpty() || p != (float) nodata.getAsDouble());
  }

  private static int rank(double percent, int n) {
    return (int) Math.min(n - 1, Math.max(0, Math.round(percent / 100.0 * (n - 1))));
  }

  /** The 8-bit value (1–255) of a valid pixel; values outside the range are clipped. */
  public int apply(float value) {
    if (high == low) {
      return 128;
    }
    double t = (value - low) / (high - low);
    return 1 + (int) Math.round(Math.max(0, Math.min(1, t)) * 254);
  }
}
