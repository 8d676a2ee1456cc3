package dev.scenelift.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenelift.scene.Sensor;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerdictRuleTest {
  private static final Set<Sensor> ALL = EnumSet.allOf(Sensor.class);

  private static Map<String, Double> percent(double cloud, double cirrusUnion, double shadow, double fill) {
    Map<String, Double> m = new HashMap<>();
    m.put("cloud", cloud);
    m.put("cloud_or_cirrus", cirrusUnion);
    m.put("cloud_or_dilated", cloud);
    m.put("cloud_or_cirrus_or_dilated", cirrusUnion);
    m.put("shadow", shadow);
    m.put("fill", fill);
    return m;
  }

  @Test
  void passesAtExactlyTheThreshold() {
    VerdictRule rule = new VerdictRule(new Thresholds(10, 100, 100, ALL, false, false));
    assertThat(rule.judge(Sensor.LC08, percent(10, 50, 0, 0))).isEqualTo(new Judgement(true, "clear"));
    assertThat(rule.judge(Sensor.LC08, percent(10.001, 0, 0, 0)).reason()).isEqualTo("cloud 10.00% > 10%");
  }

  @Test
  void listsEveryFailedThreshold() {
    VerdictRule rule = new VerdictRule(new Thresholds(10, 2, 30, EnumSet.of(Sensor.LC08), true, false));
    Judgement j = rule.judge(Sensor.LT05, percent(5, 12.5, 3, 40));
    assertThat(j.cloudFree()).isFalse();
    assertThat(j.reason())
        .isEqualTo("sensor LT05 not selected; cloud or cirrus 12.50% > 10%; shadow 3.00% > 2%; fill 40.00% > 30%");
  }

  @Test
  void anAllFillTileIsNeverCloudFree() {
    VerdictRule rule = new VerdictRule(new Thresholds(10, 100, 100, ALL, false, false));
    assertThat(rule.judge(Sensor.LE07, percent(0, 0, 0, 100)))
        .isEqualTo(new Judgement(false, "no valid pixels (100% fill)"));
  }

  @Test
  void storedPercentagesWithoutTheNeededKeyAskForRecompute() {
    VerdictRule rule = new VerdictRule(new Thresholds(10, 100, 100, ALL, false, true));
    assertThatThrownBy(() -> rule.judge(Sensor.LC08, Map.of("cloud", 1.0, "fill", 0.0, "shadow", 0.0)))
        .hasMessage("the stored percentages lack 'cloud_or_dilated'; rerun with --recompute");
  }

  @Test
  void thresholdsMustBePercentages() {
    assertThatThrownBy(() -> new Thresholds(-1, 100, 100, ALL, false, false))
        .hasMessage("--max-cloud must be a percentage in [0, 100], got -1.0");
    assertThatThrownBy(() -> new Thresholds(10, 100, 100, Set.of(), false, false))
        .hasMessage("--sensors must name at least one sensor");
    assertThat(new Thresholds(12.5, 100, 100, ALL, true, true).asMap())
        .containsEntry("max-cloud", "12.5")
        .containsEntry("sensors", "LT04,LT05,LE07,LC08,LC09");
  }
}
