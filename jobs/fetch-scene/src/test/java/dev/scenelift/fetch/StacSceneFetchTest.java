package dev.scenelift.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scenelift.job.ExitCodes;
import dev.scenelift.job.JobEnv;
import dev.scenelift.json.Json;
import dev.scenelift.manifest.CopyMode;
import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.marker.CompletionMarker;
import dev.scenelift.marker.MarkerStore;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import dev.scenelift.source.StacApiCatalog;
import dev.scenelift.source.StacSearch;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Location;
import dev.scenelift.testing.S3TestSupport;
import dev.scenelift.testing.StacApiServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A STAC search's scenes, planned from a STAC API on loopback and fetched over http(s) from its asset hrefs, with one
 * bad input of each kind among good scenes: a malformed item, an item without an ARD id, an asset answering 404 and
 * one answering 403. Each bad scene ends with one line and its failure record, the good ones are fetched, and the
 * child exits 0 (the failure contract).
 */
class StacSceneFetchTest {
  private static final String BUCKET = "scenelift";
  private static final KeyLayout LAYOUT = KeyLayout.inBucket(BUCKET);
  private static final SceneId GOOD = SceneId.parse("LC08_CU_003003_20210602_20210615_02");
  private static final SceneId MISSING = SceneId.parse("LC08_CU_003003_20210618_20210702_02");
  private static final SceneId FORBIDDEN = SceneId.parse("LC08_CU_003003_20210704_20210713_02");
  private static final SceneId MALFORMED = SceneId.parse("LC08_CU_003003_20210720_20210729_02");
  private static final SceneId NO_ID = SceneId.parse("LC08_CU_003003_20210805_20210814_02");

  private StacApiServer server;
  private EmbeddedS3Store store;
  private S3Client s3;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws Exception {
    server = new StacApiServer();
    server.setFileSizes(true);
    for (SceneId scene : List.of(GOOD, MISSING, FORBIDDEN)) {
      server.add(new StacApiServer.Item(scene, "landsat-c2ard-sr", 5, StacApiServer.sampleAssets(scene, 1)));
    }
    server.addBroken(new StacApiServer.Item(MALFORMED, "landsat-c2ard-sr", 5,
        StacApiServer.sampleAssets(MALFORMED, 2)), item -> ((ObjectNode) item.get("assets").get("red")).remove("href"));
    server.addBroken(new StacApiServer.Item(NO_ID, "landsat-c2ard-sr", 5, StacApiServer.sampleAssets(NO_ID, 3)),
        item -> item.put("id", "LC08_L2SP_046028_20210805_20210814_02_T1_SR"));
    server.answerFile(MISSING + "_SR_B3.TIF", 404);
    server.answerFile(FORBIDDEN + "_QA_PIXEL.TIF", 403);
    store = EmbeddedS3Store.inMemory();
    s3 = S3ClientFactory.create(store.settings());
    s3.createBucket(b -> b.bucket(BUCKET));
  }

  @AfterEach
  void stop() throws Exception {
    s3.close();
    store.close();
    server.close();
  }

  private int fetch(List<SceneEntry> scenes) {
    RunManifest manifest =
        new RunManifest("h03v03-20261207t0900-stac", GOOD.tile(), "stac:" + server.api(),
            Instant.parse("2026-12-07T09:00:00Z"), scenes.size(), LAYOUT, scenes,
            Map.of(CopyMode.OPTION, CopyMode.STREAM.toString()));
    S3Location location = new ManifestStore(s3).write(manifest);
    Map<String, String> env = JobEnv.forStore(store.settings());
    env.put(JobEnv.RUN_ID, manifest.runId());
    env.put(JobEnv.MANIFEST, location.toString());
    env.put(JobEnv.ARRAY_INDEX, "0");
    return new FetchSceneJob().run(List.of(), env, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private StacApiCatalog catalog() {
    return new StacApiCatalog(
        StacSearch.of(server.api(), List.of("landsat-c2ard-sr")).withRequests(10, Duration.ofSeconds(5), 2,
            Duration.ofMillis(20)),
        StacApiCatalog.defaultClient());
  }

  private List<String> keysOf(SceneId scene) {
    return S3TestSupport.keys(s3, BUCKET, "raw/h03v03/" + scene + "/");
  }

  @Test
  void eachBadInputFailsItsOwnSceneWithOneLineAndARecordAndTheRestAreFetched() throws Exception {
    StacApiCatalog catalog = catalog();
    List<SceneEntry> scenes = catalog.list(GOOD.tile());

    assertThat(scenes).extracting(SceneEntry::id).containsExactly(GOOD, MISSING, FORBIDDEN, MALFORMED);
    assertThat(catalog.notes()).filteredOn(n -> n.startsWith("stac item skipped: "))
        .singleElement().asString()
        .contains("item 'LC08_L2SP_046028_20210805_20210814_02_T1_SR' is not an ARD tile's");

    int exit = fetch(scenes);

    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCodes.OK);
    List<String> lines = err.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines).filteredOn(l -> l.startsWith("fetch-scene: " + MISSING + ": ")).singleElement().asString()
        .contains("SR/" + MISSING + "_SR_B3.TIF").contains("HTTP 404");
    assertThat(lines).filteredOn(l -> l.startsWith("fetch-scene: " + FORBIDDEN + ": ")).singleElement().asString()
        .contains("QA/" + FORBIDDEN + "_QA_PIXEL.TIF").contains("HTTP 403");
    assertThat(lines).filteredOn(l -> l.startsWith("fetch-scene: " + MALFORMED + ": ")).singleElement().asString()
        .contains("STAC item " + MALFORMED + "_SR asset 'red' has no href");

    MarkerStore markers = new MarkerStore(s3, LAYOUT);
    assertThat(markers.failure(Stage.FETCH, MISSING).orElseThrow().kind()).isEqualTo("source-unavailable");
    assertThat(markers.failure(Stage.FETCH, FORBIDDEN).orElseThrow().kind()).isEqualTo("source-unavailable");
    assertThat(markers.failure(Stage.FETCH, MALFORMED).orElseThrow().kind()).isEqualTo("source-malformed");
    for (SceneId failed : List.of(MISSING, FORBIDDEN, MALFORMED)) {
      assertThat(markers.isDone(Stage.FETCH, failed)).isFalse();
      assertThat(keysOf(failed)).as("nothing of %s but its failure record", failed)
          .containsExactly("raw/h03v03/" + failed + "/_scenelift/fetch-scene.failed.json");
    }
    assertThat(keysOf(GOOD)).contains(
        "raw/h03v03/" + GOOD + "/SR/" + GOOD + "_SR_B4.TIF", "raw/h03v03/" + GOOD + "/QA/" + GOOD + "_QA_PIXEL.TIF",
        "raw/h03v03/" + GOOD + "/" + GOOD + ".xml");
    assertThat(markers.failure(Stage.FETCH, GOOD)).isEmpty();
  }

  @Test
  void theMarkerSaysPerObjectWhatAnHttpsSourceLetUsVerify() throws Exception {
    StacApiCatalog catalog = catalog();
    SceneEntry good = catalog.list(GOOD.tile()).get(0);

    assertThat(fetch(List.of(good))).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCodes.OK);

    CompletionMarker marker = new MarkerStore(s3, LAYOUT).marker(Stage.FETCH, GOOD).orElseThrow();
    JsonNode verified = Json.mapper().valueToTree(marker.details().get("verified"));
    assertThat(verified.size()).isEqualTo(5);
    JsonNode band = verified.get("raw/h03v03/" + GOOD + "/SR/" + GOOD + "_SR_B4.TIF");
    assertThat(band.get("size").asText()).isEqualTo("2000 bytes, as the catalog lists and the source announced");
    assertThat(band.get("file:checksum").asText()).isEqualTo("sha2-512 matches the catalog's file:checksum");
    assertThat(band.get("etag").asText())
        .isEqualTo("not verified: opaque-2000 is not an md5 (a multipart upload's, or opaque)");
    assertThat(marker.details().get("fileSources").toString()).contains(server.fileBase().toString());
  }
}
