package dev.scenelift.synthetic;

import dev.scenelift.scene.Collection;
import java.util.Locale;

/**
 * The tile-level cover figures of ARD metadata, counted from the pixel QA values written: {@code fill} is the percent
 * of all pixels that are fill (bit 0); {@code cloud_cover}, {@code cloud_shadow} and {@code snow_ice} are percents of
 * the non-fill pixels with the cloud, shadow and snow bit set (C1 PIXELQA bits 5, 3, 4; C2 QA_PIXEL bits 3, 4, 5).
 * Written with four decimals, as USGS does.
 */
final class QaStats {
  private final int cloudBit;
  private final int shadowBit;
  private final int snowBit;
  private long total;
  private long fill;
  private long cloud;
  private long shadow;
  private long snow;

  QaStats(Collection collection) {
    boolean c1 = collection == Collection.C1;
    this.cloudBit = c1 ? 5 : 3;
    this.shadowBit = c1 ? 3 : 4;
    this.snowBit = c1 ? 4 : 5;
  }

  void add(short[] qa, int count) {
    for (int i = 0; i < count; i++) {
      int v = qa[i] & 0xFFFF;
      total++;
      if ((v & 1) != 0) {
        fill++;
        continue;
      }
      if ((v & 1 << cloudBit) != 0) {
        cloud++;
      }
      if ((v & 1 << shadowBit) != 0) {
        shadow++;
      }
      if ((v & 1 << snowBit) != 0) {
        snow++;
      }
    }
  }

  String fillPercent() {
    return percent(fill, total);
  }

  String cloudCover() {
    return percent(cloud, total - fill);
  }

  String cloudShadow() {
    return percent(shadow, total - fill);
  }

  String snowIce() {
    return percent(snow, total - fill);
  }

  /** Percent with four decimals; 0 of nothing is 0. */
  static String percent(long part, long whole) {
    return String.format(Locale.ROOT, "%.4f", whole == 0 ? 0.0 : 100.0 * part / whole);
  }
}
