package dev.scenelift.submit;

import dev.scenelift.manifest.ExpectedBytes;

/** Human-readable sizes and rates. */
final class Sizes {
  private Sizes() {}

  /** e.g. {@code 575.2 MB}; decimal units, as S3 and the console show them. */
  static String bytes(long bytes) {
    return ExpectedBytes.bytes(bytes);
  }

  static double megabytesPerSecond(long bytes, double seconds) {
    return seconds > 0 ? bytes / 1e6 / seconds : 0;
  }
}
