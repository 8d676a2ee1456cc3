package dev.scenelift.cloud;

import dev.scenelift.scene.Sensor;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a cloud-free scene must satisfy.
 *
 * @param maxCloud cloud percent of the non-fill pixels, at most
 * @param maxShadow cloud-shadow percent of the non-fill pixels, at most
 * @param maxFill fill percent of the tile, at most
 * @param sensors only these sensors can be cloud-free
 * @param cirrusIsCloud count cirrus pixels as cloud
 * @param dilatedIsCloud count dilated-cloud pixels (C2) as cloud
 */
record Thresholds(
    double maxCloud, double maxShadow, double maxFill, Set<Sensor> sensors, boolean cirrusIsCloud, boolean dilatedIsCloud) {
  static final double DEFAULT_MAX_CLOUD = 10;

  Thresholds {
    percent("max-cloud", maxCloud);
    percent("max-shadow", maxShadow);
    percent("max-fill", maxFill);
    if (sensors.isEmpty()) {
      throw new IllegalArgumentException("--sensors must name at least one sensor");
    }
    sensors = Set.copyOf(EnumSet.copyOf(sensors));
  }

  private static void percent(String name, double v) {
    if (!(v >= 0 && v <= 100)) {
      throw new IllegalArgumentException("--" + name + " must be a percentage in [0, 100], got " + v);
    }
  }

  /** The percentage key of {@code cloud.json} that counts as cloud under these settings. */
  String cloudKey() {
    if (cirrusIsCloud && dilatedIsCloud) {
      return "cloud_or_cirrus_or_dilated";
    }
    if (cirrusIsCloud) {
      return "cloud_or_cirrus";
    }
    return dilatedIsCloud ? "cloud_or_dilated" : "cloud";
  }

  /** As {@code cloud.json} records them. */
  Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("max-cloud", num(maxCloud));
    m.put("max-shadow", num(maxShadow));
    m.put("max-fill", num(maxFill));
    m.put(
        "sensors",
        EnumSet.copyOf(sensors).stream().map(Sensor::name).collect(Collectors.joining(",")));
    m.put("cirrus-is-cloud", Boolean.toString(cirrusIsCloud));
    m.put("dilated-is-cloud", Boolean.toString(dilatedIsCloud));
    return m;
  }

  static String num(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
