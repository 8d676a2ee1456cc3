package dev.scenelift.scene;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The tar bundles an ARD scene is shipped in. */
public enum Bundle {
  /** Surface reflectance. */
  SR,
  /** Top-of-atmosphere reflectance (Collection 1). */
  TA,
  /** Brightness temperature. */
  BT,
  /** Pixel, radiometric saturation and cloud QA. */
  QA,
  /** Surface temperature (Collection 2). */
  ST,
  /** Top-of-atmosphere reflectance (Collection 2). */
  TOA;

  /** The bundles USGS ships per scene of a collection, in the order the md5 lists give them. */
  public static Set<Bundle> of(Collection collection) {
    return collection == Collection.C1 ? EnumSet.of(BT, QA, SR, TA) : EnumSet.of(BT, QA, SR, ST, TOA);
  }

  public static Bundle parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown bundle '" + text + "' (expected SR, TA, BT, QA, ST or TOA)");
    }
  }
}
