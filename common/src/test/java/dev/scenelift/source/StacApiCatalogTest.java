package dev.scenelift.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenelift.manifest.FileSource;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import dev.scenelift.testing.StacApiServer;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StacApiCatalogTest {
  private static final Tile TILE = Tile.parse("h03v03");
  private static final List<SceneId> SCENES =
      List.of(
          SceneId.parse("LC08_CU_003003_20210602_20210615_02"),
          SceneId.parse("LC08_CU_003003_20210618_20210702_02"),
          SceneId.parse("LC09_CU_003003_20220613_20220621_02"),
          SceneId.parse("LE07_CU_003003_20210610_20210701_02"),
          SceneId.parse("LC08_CU_003003_20210704_20210713_02"));

  private StacApiServer server;

  @BeforeEach
  void start() throws Exception {
    server = new StacApiServer();
    for (int i = 0; i < SCENES.size(); i++) {
      server.add(new StacApiServer.Item(SCENES.get(i), "landsat-c2ard-sr", 10.0 * i,
          StacApiServer.sampleAssets(SCENES.get(i), i)));
    }
    server.add(new StacApiServer.Item(SceneId.parse("LC08_CU_004003_20210618_20210702_02"), "landsat-c2ard-sr", 5,
        StacApiServer.sampleAssets(SceneId.parse("LC08_CU_004003_20210618_20210702_02"), 99)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private StacSearch search(String... collections) {
    return StacSearch.of(server.api(), List.of(collections))
        .withRequests(2, Duration.ofMillis(700), 3, Duration.ofMillis(20));
  }

  private StacApiCatalog catalog(StacSearch s) {
    return new StacApiCatalog(s, StacApiCatalog.defaultClient());
  }

  @Test
  void followsEveryNextLinkGetAndPostAndPlansOneSceneOfFilesPerItem() throws Exception {
    StacApiCatalog catalog = catalog(search("landsat-c2ard-sr"));

    List<SceneEntry> scenes = catalog.list(TILE);

    assertThat(scenes).extracting(SceneEntry::id)
        .containsExactly(SCENES.get(0), SCENES.get(3), SCENES.get(1), SCENES.get(4), SCENES.get(2));
    SceneEntry one = scenes.get(2);
    assertThat(one.bundles()).isEmpty();
    assertThat(one.files()).extracting(FileSource::name)
        .containsExactlyInAnyOrder(SCENES.get(1) + "_QA_PIXEL.TIF", SCENES.get(1) + "_SR_B2.TIF",
            SCENES.get(1) + "_SR_B3.TIF", SCENES.get(1) + "_SR_B4.TIF", SCENES.get(1) + ".xml");
    FileSource qa = one.files().stream().filter(f -> f.name().endsWith("QA_PIXEL.TIF")).findFirst().orElseThrow();
    assertThat(qa.bundle()).isEqualTo(Bundle.QA);
    assertThat(qa.uri().toString()).startsWith(server.fileBase() + "oli-tirs/2021/CU/003/003/" + SCENES.get(1) + "/");
    assertThat(qa.checksum()).hasValueSatisfying(c -> assertThat(c.algorithm()).isEqualTo("sha2-512"));
    List<String> searches = server.requests().stream().filter(r -> r.contains("/search")).toList();
    assertThat(searches).hasSize(3);
    assertThat(searches.get(0)).startsWith("POST /stac-server/search ")
        .contains("\"landsat:grid_horizontal\":{\"eq\":\"03\"}").contains("\"landsat:grid_region\":{\"eq\":\"CU\"}")
        .contains("\"limit\":2");
    assertThat(searches.get(1)).startsWith("GET /stac-server/search?").contains("next=2");
    assertThat(searches.get(2)).startsWith("POST /stac-server/search ").contains("\"next\":\"3,");
    assertThat(catalog.notes().get(0)).contains("5 item(s) on 3 page(s)").contains("5 scene(s), 25 file(s)");
    assertThat(catalog.catalogClouds().get(SCENES.get(2)).cloudCover()).isEqualTo(20.0);
  }

  @Test
  void takesTheS3AlternateHrefsWhenReadingAsRequester() throws Exception {
    List<SceneEntry> scenes = catalog(search("landsat-c2ard-sr").withS3Hrefs(true)).list(TILE);

    assertThat(scenes.get(0).files()).allSatisfy(f ->
        assertThat(f.uri().toString()).startsWith("s3://usgs-landsat-ard/collection02/oli-tirs/2021/CU/003/003/"));
  }

  @Test
  void sendsTheDaysAsDatetimeAndCollectionsAsAsked() throws Exception {
    catalog(search("landsat-c2ard-sr", "landsat-c2ard-st")
        .withDays(Optional.of(LocalDate.of(2021, 6, 1)), Optional.empty())).list(TILE);

    assertThat(server.requests().stream().filter(r -> r.startsWith("POST")).findFirst().orElseThrow())
        .contains("\"datetime\":\"2021-06-01T00:00:00Z/..\"")
        .contains("\"collections\":[\"landsat-c2ard-sr\",\"landsat-c2ard-st\"]");
  }

  @Test
  void retriesAPageThatAnswers500AndAPageSlowerThanTheRequestTimeout() throws Exception {
    server.failFirstRequestOfPage(2);
    server.slowFirstRequestOfPage(3, 2_000);
    StacApiCatalog catalog = catalog(search("landsat-c2ard-sr"));

    List<SceneEntry> scenes = catalog.list(TILE);

    assertThat(scenes).hasSize(5);
    assertThat(catalog.notes().get(0)).contains("(2 request(s) retried)");
  }

  @Test
  void aPageThatKeepsFailingIsSourceUnavailableNamingTheEndpointAndAttempts() {
    server.setRawPage("not json");

    assertThatThrownBy(() -> catalog(search("landsat-c2ard-sr")).list(TILE))
        .isInstanceOf(SourceUnavailableException.class)
        .hasMessageContaining(server.api() + "/search").hasMessageContaining("not JSON");
  }

  @Test
  void unknownCollectionIsRefusedNamingItAndWhatTheApiHas() {
    assertThatThrownBy(() -> catalog(search("landsat-c2ard-sr", "landsat-c2ard-xx")).list(TILE))
        .isInstanceOf(UnknownCollectionException.class)
        .hasMessageContaining("no collection landsat-c2ard-xx")
        .hasMessageContaining("landsat-c2ard-bt, landsat-c2ard-sr, landsat-c2ard-st, landsat-c2ard-ta");
  }

  @Test
  void emptySearchNamesTheTileCollectionsAndDays() {
    assertThatThrownBy(() -> catalog(search("landsat-c2ard-bt")
        .withDays(Optional.of(LocalDate.of(2021, 1, 1)), Optional.of(LocalDate.of(2021, 12, 31)))).list(TILE))
        .isInstanceOf(EmptySearchException.class)
        .hasMessageContaining("no item of tile h03v03 in landsat-c2ard-bt over 2021-01-01T00:00:00Z/2021-12-31T23:59:59Z");
  }

  @Test
  void moreThanTheAllowedPagesIsRefusedRatherThanCutShort() {
    assertThatThrownBy(() -> catalog(search("landsat-c2ard-sr").withLimits(2, Duration.ofMinutes(1))).list(TILE))
        .isInstanceOf(StacSearchRefusedException.class)
        .hasMessageContaining("more than 2 pages");
  }

  @Test
  void malformedItemPlansItsSceneAsUnusableAndItemsWithoutArdIdsAreSkipped() throws Exception {
    server.setRawPage("""
        {"type":"FeatureCollection","features":[
          {"type":"Feature","id":"LC08_CU_003003_20210618_20210702_02_SR","collection":"landsat-c2ard-sr",
           "properties":{"eo:cloud_cover":12.5},
           "assets":{"red":{"type":"image/tiff"},
                     "blue":{"href":"https://x/LC08_CU_003003_20210618_20210702_02_SR_B2.TIF"}}},
          {"type":"Feature","id":"LC08_CU_003003_20210602_20210615_02_SR","collection":"landsat-c2ard-sr",
           "properties":{"eo:cloud_cover":"cloudy"},
           "assets":{"blue":{"href":"https://x/LC08_CU_003003_20210602_20210615_02_SR_B2.TIF"}}},
          {"type":"Feature","id":"LC08_L2SP_046028_20210618_20210628_02_T1_SR","assets":{}}
        ],"links":[]}""");

    StacApiCatalog catalog = catalog(search("landsat-c2ard-sr"));
    List<SceneEntry> scenes = catalog.list(TILE);

    assertThat(scenes).hasSize(2).allSatisfy(s -> assertThat(s.files()).isEmpty());
    assertThat(scenes.get(1).sourceProblem()).contains(
        "STAC item LC08_CU_003003_20210618_20210702_02_SR asset 'red' has no href");
    assertThat(scenes.get(0).sourceProblem()).hasValueSatisfying(p ->
        assertThat(p).contains("properties.eo:cloud_cover \"cloudy\", not a percentage"));
    assertThat(String.join("\n", catalog.notes()))
        .contains("stac item skipped: item 'LC08_L2SP_046028_20210618_20210628_02_T1_SR' is not an ARD tile's")
        .contains("2 scene(s) with a malformed item are planned to fail in fetch-scene");
  }

  @Test
  void withoutTheQueryExtensionSearchesTheTilesBoundingBoxAndDropsOtherTiles() throws Exception {
    server.setQueryExtension(false);
    server.setPageSize(10);

    StacApiCatalog catalog = catalog(search("landsat-c2ard-sr").withRequests(10, Duration.ofSeconds(5), 3,
        Duration.ofMillis(20)));
    List<SceneEntry> scenes = catalog.list(TILE);

    assertThat(scenes).hasSize(5);
    assertThat(server.requests().stream().filter(r -> r.startsWith("POST")).findFirst().orElseThrow())
        .contains("\"bbox\":[").doesNotContain("query");
    assertThat(String.join("\n", catalog.notes())).contains("1 item(s) of other tiles left out")
        .contains("the tile's bounding box");
  }

  @Test
  void aMalformedApiUrlIsAUsageErrorNamingIt() {
    assertThatThrownBy(() -> StacSearch.of(URI.create("ftp://x/"), StacSearch.C2_ARD))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--stac ftp://x/");
  }
}
