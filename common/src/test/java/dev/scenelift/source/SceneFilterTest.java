package dev.scenelift.source;

import static dev.scenelift.source.SourceFixtures.L5;
import static dev.scenelift.source.SourceFixtures.L7;
import static dev.scenelift.source.SourceFixtures.L8;
import static dev.scenelift.source.SourceFixtures.L8_OLDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenelift.manifest.BundleSource;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Sensor;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SceneFilterTest {
  static SceneEntry scene(String id, Bundle... bundles) {
    return new SceneEntry(
        SceneId.parse(id),
        java.util.Arrays.stream(bundles)
            .map(b -> new BundleSource(b, URI.create("file:///d/" + id + "_" + b + ".tar"), Optional.empty(), 10))
            .toList());
  }

  static List<String> ids(SceneFilter.Selection s) {
    return s.scenes().stream().map(e -> e.id().toString()).toList();
  }

  final List<SceneEntry> three = List.of(scene(L8, Bundle.SR), scene(L5, Bundle.SR), scene(L7, Bundle.SR));

  @Test
  void keepsOnlyTheGivenSensors() {
    SceneFilter.Selection s = SceneFilter.all().withSensors(SceneFilter.parseSensors("lc08, LE07")).apply(three);
    assertThat(ids(s)).containsExactly(L7, L8);
    assertThat(s.notes()).anyMatch(n -> n.contains("--sensors"));
  }

  @Test
  void sinceAndUntilAreInclusiveAcquisitionDates() {
    SceneFilter f = SceneFilter.all().withSince(LocalDate.of(2010, 7, 21)).withUntil(LocalDate.of(2013, 4, 14));
    assertThat(ids(f.apply(three))).containsExactly(L7, L8);
    assertThat(ids(SceneFilter.all().withUntil(LocalDate.of(2010, 7, 20)).apply(three))).containsExactly(L5);
  }

  @Test
  void limitTakesTheFirstInAcquisitionOrderAfterOtherFilters() {
    assertThat(ids(SceneFilter.all().withLimit(2).apply(three))).containsExactly(L5, L7);
    assertThat(ids(SceneFilter.all().withSensors(Set.of(Sensor.LC08, Sensor.LE07)).withLimit(1).apply(three)))
        .containsExactly(L7);
  }

  @Test
  void keepsTheNewestProductionOfAnAcquisitionAndSaysSo() {
    SceneFilter.Selection s = SceneFilter.all().apply(List.of(scene(L8_OLDER, Bundle.SR), scene(L8, Bundle.SR)));
    assertThat(ids(s)).containsExactly(L8);
    assertThat(s.notes()).singleElement().satisfies(n -> {
      assertThat(n).contains("kept " + L8);
      assertThat(n).contains(L8_OLDER);
    });
  }

  @Test
  void mergesRowsOfTheSameSceneSoNothingIsFetchedTwice() {
    SceneFilter.Selection s =
        SceneFilter.all().apply(List.of(scene(L8, Bundle.SR, Bundle.QA), scene(L8, Bundle.QA, Bundle.BT)));
    assertThat(s.scenes()).singleElement().satisfies(e ->
        assertThat(e.bundles()).extracting(BundleSource::bundle).containsExactly(Bundle.SR, Bundle.BT, Bundle.QA));
    assertThat(s.notes()).anyMatch(n -> n.contains("merged"));
  }

  @Test
  void rejectsAnEmptyDateRangeAndANonPositiveLimit() {
    assertThatThrownBy(() -> SceneFilter.all().withSince(LocalDate.of(2014, 1, 1)).withUntil(LocalDate.of(2013, 1, 1)))
        .hasMessageContaining("--until");
    assertThatThrownBy(() -> SceneFilter.all().withLimit(0)).hasMessageContaining("--limit");
    assertThatThrownBy(() -> SceneFilter.parseSensors("LC08,XX99")).hasMessageContaining("XX99");
  }
}
