package dev.scenelift.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenelift.scene.Sensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectionRulesTest {
  private static Map<String, Double> percent(double cloud, double shadow, double fill) {
    return Map.of("cloud", cloud, "shadow", shadow, "fill", fill, "cloud_or_cirrus", cloud + 5);
  }

  @Test
  void defaultsPutAClearHalfCoveredLe07InTheCloudFreeSetOnly() {
    Map<TileCollection, Membership> m = CollectionRules.DEFAULTS.judge(Sensor.LE07, percent(3, 1, 40));

    assertThat(m.keySet()).containsExactly(TileCollection.values());
    assertThat(m.get(TileCollection.FULL).member()).isTrue();
    assertThat(m.get(TileCollection.CLOUD_FREE)).isEqualTo(new Membership(true, "clear"));
    assertThat(m.get(TileCollection.COG_RESEARCH).member()).isFalse();
    assertThat(m.get(TileCollection.COG_RESEARCH).reason())
        .isEqualTo("sensor LE07 not selected; cloud 3.00% > 1%; fill 40.00% > 5%");
  }

  @Test
  void defaultsPutAnAlmostCloudlessFullyCoveredLc08InBoth() {
    Map<TileCollection, Membership> m = CollectionRules.DEFAULTS.judge(Sensor.LC08, percent(0.4, 0.1, 1.2));

    assertThat(m.get(TileCollection.CLOUD_FREE).member()).isTrue();
    assertThat(m.get(TileCollection.COG_RESEARCH).member()).isTrue();
  }

  @Test
  void lc09IsOutOfTheResearchSetUnlessNamed() {
    assertThat(CollectionRules.DEFAULTS.judge(Sensor.LC09, percent(0, 0, 0)).get(TileCollection.COG_RESEARCH).member())
        .isFalse();
    CollectionRules twins = CollectionRules.fromOptions(Map.of(CollectionRules.COG_SENSORS, "LC08,LC09"));
    assertThat(twins.judge(Sensor.LC09, percent(0, 0, 0)).get(TileCollection.COG_RESEARCH).member()).isTrue();
  }

  @Test
  void aTileWithoutValidPixelsBelongsToNoSelectiveCollection() {
    CollectionRules anything =
        CollectionRules.fromOptions(Map.of(CollectionRules.CLOUD_FREE_MAX_FILL, "100", CollectionRules.COG_MAX_FILL,
            "100", CollectionRules.COG_SENSORS, "all"));
    Map<TileCollection, Membership> m = anything.judge(Sensor.LC08, percent(0, 0, 100));

    assertThat(m.get(TileCollection.CLOUD_FREE).reason()).isEqualTo("no valid pixels (100% fill)");
    assertThat(m.get(TileCollection.COG_RESEARCH).member()).isFalse();
    assertThat(m.get(TileCollection.FULL).member()).isTrue();
  }

  @Test
  void cirrusCountsAsCloudWhenAsked() {
    CollectionRules rules = CollectionRules.fromOptions(Map.of(CollectionRules.CIRRUS_IS_CLOUD, "true"));

    assertThat(rules.cloudKey()).isEqualTo("cloud_or_cirrus");
    assertThat(rules.judge(Sensor.LC08, percent(6, 0, 0)).get(TileCollection.CLOUD_FREE).reason())
        .isEqualTo("cloud or cirrus 11.00% > 10%");
  }

  @Test
  void optionsRoundTripThroughTheManifestsStrings() {
    CollectionRules rules =
        CollectionRules.fromOptions(
            Map.of(CollectionRules.CLOUD_FREE_MAX_CLOUD, "20", CollectionRules.COG_MAX_FILL, "0.5",
                CollectionRules.CLOUD_FREE_SENSORS, "lc08, le07"));

    assertThat(CollectionRules.fromOptions(rules.asOptions())).isEqualTo(rules);
    assertThat(rules.asOptions())
        .containsEntry("cloud-free-max-cloud", "20")
        .containsEntry("cog-max-fill", "0.5")
        .containsEntry("cloud-free-sensors", "LE07,LC08")
        .containsEntry("cog-sensors", "LC08");
    assertThat(CollectionRules.fromOptions(Map.of())).isEqualTo(CollectionRules.DEFAULTS);
  }

  @Test
  void badValuesNameTheirOption() {
    assertThatThrownBy(() -> CollectionRules.fromOptions(Map.of(CollectionRules.COG_MAX_CLOUD, "120")))
        .hasMessage("cog rule: cog-max-cloud must be a percentage in [0, 100], got 120");
    assertThatThrownBy(() -> CollectionRules.fromOptions(Map.of(CollectionRules.CLOUD_FREE_MAX_FILL, "lots")))
        .hasMessageContaining("cloud-free-max-fill is not a number: 'lots'");
    assertThatThrownBy(() -> CollectionRules.fromOptions(Map.of(CollectionRules.COG_SENSORS, "LC07")))
        .hasMessageContaining("cog-sensors: unknown sensor 'LC07'");
  }

  @Test
  void rulesSayThemselvesInWords() {
    assertThat(CollectionRules.DEFAULTS.describe(TileCollection.COG_RESEARCH)).isEqualTo("LC08; cloud ≤ 1%, fill ≤ 5%");
    assertThat(CollectionRules.DEFAULTS.describe(TileCollection.CLOUD_FREE)).isEqualTo("every sensor; cloud ≤ 10%");
    assertThat(CollectionRules.DEFAULTS.describe(TileCollection.FULL)).isEqualTo("every scene");
  }
}
