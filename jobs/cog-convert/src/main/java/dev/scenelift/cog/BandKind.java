package dev.scenelift.cog;

import java.util.Locale;

/**
 * How a band's overviews are resampled: measured quantities are averaged, bit fields and codes never are (averaging
 * QA bits would invent flags no pixel has).
 */
enum BandKind {
  /** Reflectance, temperature and other measured values: {@code AVERAGE}. */
  CONTINUOUS("AVERAGE"),
  /** QA bands (bit fields and coded values): {@code NEAREST}. */
  QUALITY("NEAREST");

  private final String resampling;

  BandKind(String resampling) {
    this.resampling = resampling;
  }

  /** The COG driver's {@code OVERVIEW_RESAMPLING} value. */
  String resampling() {
    return resampling;
  }

  /**
   * Decides by file name: every ARD QA band has {@code QA} in its band suffix (C1 {@code PIXELQA}, {@code RADSATQA},
   * {@code LINEAGEQA}, {@code SRCLOUDQA}, {@code SRAEROSOLQA}, {@code SRATMOSOPACITYQA}, {@code BTQA}; C2 {@code
   * QA_PIXEL}, {@code QA_RADSAT}, {@code SR_QA_AEROSOL}, {@code ST_QA}), and no scene id contains it.
   */
  static BandKind ofFile(String fileName) {
    return fileName.toUpperCase(Locale.ROOT).contains("QA") ? QUALITY : CONTINUOUS;
  }
}
