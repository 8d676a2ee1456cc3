package dev.scenelift.cloud;

import dev.scenelift.scene.Sensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Judges a scene from its QA percentages: cloud-free when it passes every threshold, otherwise every failed one. */
final class VerdictRule {
  private final Thresholds thresholds;

  VerdictRule(Thresholds thresholds) {
    this.thresholds = thresholds;
  }

  Judgement judge(Sensor sensor, Map<String, Double> percent) {
    List<String> failed = new ArrayList<>();
    if (!thresholds.sensors().contains(sensor)) {
      failed.add("sensor " + sensor + " not selected");
    }
    double fill = get(percent, "fill");
    if (fill >= 100) {
      failed.add("no valid pixels (100% fill)");
    } else {
      String key = thresholds.cloudKey();
      exceeds(failed, key.replace('_', ' '), get(percent, key), thresholds.maxCloud());
      exceeds(failed, "shadow", get(percent, "shadow"), thresholds.maxShadow());
      exceeds(failed, "fill", fill, thresholds.maxFill());
    }
    return failed.isEmpty() ? new Judgement(true, "clear") : new Judgement(false, String.join("; ", failed));
  }

  private static void exceeds(List<String> failed, String what, double value, double max) {
    if (value > max) {
      failed.add(String.format(Locale.ROOT, "%s %.2f%% > %s%%", what, value, Thresholds.num(max)));
    }
  }

  private static double get(Map<String, Double> percent, String key) {
    Double v = percent.get(key);
    if (v == null) {
      throw new IllegalArgumentException("the stored percentages lack '" + key + "'; rerun with --recompute");
    }
    return v;
  }
}
