package dev.scenelift.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenelift.manifest.BundleSource;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class CatalogPrefilterTest {
  private static SceneEntry entry(String id, long size) {
    return new SceneEntry(
        SceneId.parse(id),
        List.of(new BundleSource(Bundle.SR, URI.create("file:///x/" + id + "_SR.tar"), Optional.empty(), size)));
  }

  private static CatalogCloud cloud(String id, double pct) {
    return new CatalogCloud(SceneId.parse(id), pct, OptionalDouble.empty(), "test");
  }

  @Test
  void dropsScenesAboveThresholdAndCountsBytesSaved() {
    List<SceneEntry> scenes =
        List.of(
            entry("LC08_CU_003003_20130414_20170713_C01_V01", 100),
            entry("LC08_CU_003003_20130430_20170713_C01_V01", 250),
            entry("LC08_CU_003003_20130516_20170713_C01_V01", 40));
    Map<SceneId, CatalogCloud> catalog =
        Map.of(
            SceneId.parse("LC08_CU_003003_20130414_20170713_C01_V01"), cloud("LC08_CU_003003_20130414_20170713_C01_V01", 10.0),
            SceneId.parse("LC08_CU_003003_20130430_20170713_C01_V01"), cloud("LC08_CU_003003_20130430_20170713_C01_V01", 10.01));
    PrefilterResult r = CatalogPrefilter.apply(scenes, catalog, 10);
    assertThat(r.kept()).extracting(e -> e.id().toString())
        .containsExactly("LC08_CU_003003_20130414_20170713_C01_V01", "LC08_CU_003003_20130516_20170713_C01_V01");
    assertThat(r.dropped()).extracting(c -> c.cloudCover()).containsExactly(10.01);
    assertThat(r.unknown()).extracting(Object::toString).containsExactly("LC08_CU_003003_20130516_20170713_C01_V01");
    assertThat(r.bytesSaved()).hasValue(250);
    assertThat(r.summary())
        .isEqualTo("prefilter catalog cloud <= 10%: kept 2 of 3 scenes, dropped 1, 1 without a catalog value kept;"
            + " saves 250 B");
  }

  @Test
  void matchesAnotherProductionOfTheSameAcquisition() {
    PrefilterResult r =
        CatalogPrefilter.apply(
            List.of(entry("LC08_CU_003003_20130414_20190101_C01_V01", -1)),
            Map.of(SceneId.parse("LC08_CU_003003_20130414_20170713_C01_V01"),
                cloud("LC08_CU_003003_20130414_20170713_C01_V01", 50)),
            20);
    assertThat(r.kept()).isEmpty();
    assertThat(r.bytesSaved()).isEmpty();
    assertThat(r.summary()).endsWith("saves unknown bytes (sizes not known)");
  }

  @Test
  void realExportAtTenPercentKeepsItsClearScenes() throws Exception {
    EarthExplorerCsvReader reader = new EarthExplorerCsvReader();
    var path = SharedData.file("h03v03-earthexplorer-metadata.csv");
    List<SceneEntry> scenes = reader.sceneIds(path).stream().map(id -> new SceneEntry(id, List.of())).toList();
    PrefilterResult r = CatalogPrefilter.apply(scenes, reader.catalogClouds(path), 10);
    assertThat(r.kept()).hasSize(669);
    assertThat(r.dropped()).hasSize(2481 - 669);
    assertThat(r.unknown()).isEmpty();
  }

  @Test
  void readsStacItemPropertiesAndItemCollections() throws Exception {
    String json = "{\"type\":\"FeatureCollection\",\"features\":["
        + "{\"type\":\"Feature\",\"id\":\"LC08_CU_003003_20210618_20210702_02_SR\","
        + "\"properties\":{\"eo:cloud_cover\":12.5,\"landsat:fill\":3.25}},"
        + "{\"type\":\"Feature\",\"id\":\"LE07_CU_003003_20210610_20210702_02\","
        + "\"properties\":{\"eo:cloud_cover\":0}}]}";
    Map<SceneId, CatalogCloud> m =
        new StacCatalogReader().read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "search.json");
    CatalogCloud a = m.get(SceneId.parse("LC08_CU_003003_20210618_20210702_02"));
    assertThat(a.cloudCover()).isEqualTo(12.5);
    assertThat(a.fill()).hasValue(3.25);
    assertThat(a.source()).isEqualTo("stac:search.json");
    assertThat(m.get(SceneId.parse("LE07_CU_003003_20210610_20210702_02")).fill()).isEmpty();
    String bad = "{\"id\":\"LC08_CU_003003_20210618_20210702_02\",\"properties\":{\"eo:cloud_cover\":\"lots\"}}";
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new StacCatalogReader().read(new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), "i.json"))
        .isInstanceOf(MalformedCatalogException.class)
        .hasMessage("i.json (LC08_CU_003003_20210618_20210702_02): properties.eo:cloud_cover is not a number");
  }
}
