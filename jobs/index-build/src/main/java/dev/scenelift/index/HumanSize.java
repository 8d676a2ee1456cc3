package dev.scenelift.index;

import java.util.Locale;

/** Byte counts as people read them: {@code 0 B}, {@code 812 B}, {@code 3.4 KiB}, {@code 253.8 MiB}. */
final class HumanSize {
  private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

  private HumanSize() {}

  static String format(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < UNITS.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, UNITS[u]);
  }
}
