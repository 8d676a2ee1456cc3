package dev.scenelift.collection;

import dev.scenelift.scene.Sensor;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a scene must satisfy to belong to a selective collection (cloud-free, COG research set): its sensor is one of
 * {@code sensors} and its QA-derived cloud, cloud-shadow and fill percentages are at most the maxima. A scene with no
 * valid pixel (100 % fill) belongs to no selective collection.
 *
 * @param sensors the sensors that may belong
 * @param maxCloud cloud percent of the non-fill pixels, at most
 * @param maxShadow cloud-shadow percent of the non-fill pixels, at most
 * @param maxFill fill percent of the tile, at most
 */
public record CollectionRule(Set<Sensor> sensors, double maxCloud, double maxShadow, double maxFill) {
  public CollectionRule {
    if (sensors == null || sensors.isEmpty()) {
      throw new IllegalArgumentException("a collection rule must name at least one sensor");
    }
    sensors = Set.copyOf(EnumSet.copyOf(sensors));
    percent("max cloud", maxCloud);
    percent("max shadow", maxShadow);
    percent("max fill", maxFill);
  }

  private static void percent(String name, double v) {
    if (!(v >= 0 && v <= 100)) {
      throw new IllegalArgumentException(name + " must be a percentage in [0, 100], got " + v);
    }
  }

  /**
   * Every rule a scene with these figures fails, in words; empty when it belongs.
   *
   * @param cloudName what the cloud figure counts (e.g. {@code cloud}, {@code cloud or cirrus})
   */
  public List<String> misses(Sensor sensor, String cloudName, double cloud, double shadow, double fill) {
    List<String> failed = new ArrayList<>();
    if (!sensors.contains(sensor)) {
      failed.add("sensor " + sensor + " not selected");
    }
    if (fill >= 100) {
      failed.add("no valid pixels (100% fill)");
      return failed;
    }
    exceeds(failed, cloudName, cloud, maxCloud);
    exceeds(failed, "shadow", shadow, maxShadow);
    exceeds(failed, "fill", fill, maxFill);
    return failed;
  }

  private static void exceeds(List<String> failed, String what, double value, double max) {
    if (value > max) {
      failed.add(String.format(Locale.ROOT, "%s %.2f%% > %s%%", what, value, number(max)));
    }
  }

  /** The sensors as options write them: {@code LC08,LC09}. */
  public String sensorList() {
    return EnumSet.copyOf(sensors).stream().map(Sensor::name).collect(Collectors.joining(","));
  }

  /** The rule in words, e.g. {@code LC08; cloud ≤ 1%, fill ≤ 5%} (bounds at 100 % are left out). */
  public String describe() {
    List<String> parts = new ArrayList<>();
    if (maxCloud < 100) {
      parts.add("cloud ≤ " + number(maxCloud) + "%");
    }
    if (maxShadow < 100) {
      parts.add("shadow ≤ " + number(maxShadow) + "%");
    }
    if (maxFill < 100) {
      parts.add("fill ≤ " + number(maxFill) + "%");
    }
    String which = sensors.size() == Sensor.values().length ? "every sensor" : sensorList();
    return parts.isEmpty() ? which : which + "; " + String.join(", ", parts);
  }

  /** A percentage as options and reasons write it: {@code 10}, {@code 0.5}. */
  public static String number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
