package dev.scenelift.qa;

import dev.scenelift.scene.Collection;
import dev.scenelift.scene.Sensor;

/**
 * Where each class sits in a pixel QA value, per collection and sensor.
 *
 * <ul>
 *   <li>C1 PIXELQA (uint16, fill value 1): bit 0 fill, 1 clear, 2 water, 3 cloud shadow, 4 snow, 5 cloud, 6–7 cloud
 *       confidence (1 low, 2 medium, 3 high); Landsat 8/9 only: 8–9 cirrus confidence, 10 terrain occlusion.
 *   <li>C2 QA_PIXEL (uint16): bit 0 fill, 1 dilated cloud, 2 cirrus, 3 cloud, 4 cloud shadow, 5 snow, 6 clear, 7 water,
 *       8–9 cloud confidence, 10–11 shadow confidence, 12–13 snow/ice confidence, 14–15 cirrus confidence.
 * </ul>
 *
 * <p>C2: cloud is bit 3 alone, which USGS sets for high cloud confidence and counts in the XML's {@code CLOUD_COVER};
 * medium-confidence pixels (bits 8-9 = 2) and dilated cloud (bit 1, the buffer USGS draws around clouds) are counted
 * apart ({@code cloud_medium}, {@code dilated_cloud}) and enter the verdict only with {@code --dilated-is-cloud}
 * (dilated) — a clear-sky rule would otherwise lose every scene with a few small clouds. Clear (bit 6) is set unless
 * cloud or dilated cloud is, so shadow, snow and water pixels are clear as well.
 *
 * <p>C1 has no cirrus flag: a C1 OLI pixel counts as cirrus when bit 9 is set (cirrus confidence medium or high), as
 * USGS's tile-making code counts it. TM/ETM C1 bands have no cirrus, dilated-cloud or terrain bits.
 */
public enum QaLayout {
  C1_TM_ETM,
  C1_OLI,
  C2;

  public static QaLayout of(Collection collection, Sensor sensor) {
    if (collection == Collection.C2) {
      return C2;
    }
    return sensor.isOli() ? C1_OLI : C1_TM_ETM;
  }

  boolean fill(int v) {
    return (v & 1) != 0;
  }

  boolean clear(int v) {
    return this == C2 ? bit(v, 6) : bit(v, 1);
  }

  boolean water(int v) {
    return this == C2 ? bit(v, 7) : bit(v, 2);
  }

  boolean shadow(int v) {
    return this == C2 ? bit(v, 4) : bit(v, 3);
  }

  boolean snow(int v) {
    return this == C2 ? bit(v, 5) : bit(v, 4);
  }

  boolean cloud(int v) {
    return this == C2 ? bit(v, 3) : bit(v, 5);
  }

  /** 0 none, 1 low, 2 medium, 3 high. */
  int cloudConfidence(int v) {
    return this == C2 ? (v >> 8) & 3 : (v >> 6) & 3;
  }

  boolean cirrus(int v) {
    return switch (this) {
      case C2 -> bit(v, 2);
      case C1_OLI -> bit(v, 9);
      case C1_TM_ETM -> false;
    };
  }

  boolean dilated(int v) {
    return this == C2 && bit(v, 1);
  }

  boolean terrainOcclusion(int v) {
    return this == C1_OLI && bit(v, 10);
  }

  private static boolean bit(int v, int n) {
    return (v & (1 << n)) != 0;
  }
}
