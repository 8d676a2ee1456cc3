package dev.scenelift.submit;

import java.util.Locale;

/** Human-readable sizes and rates. */
final class Sizes {
  private Sizes() {}

  /** e.g. {@code 575.2 MB}; decimal units, as S3 and the console show them. */
  static String bytes(long bytes) {
    if (bytes < 0) {
      return "unknown";
    }
    String[] units = {"B", "kB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = 0;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  static double megabytesPerSecond(long bytes, double seconds) {
    return seconds > 0 ? bytes / 1e6 / seconds : 0;
  }
}
