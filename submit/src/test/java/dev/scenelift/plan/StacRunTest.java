package dev.scenelift.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scenelift.gdal.GdalDataset;
import dev.scenelift.gdal.GdalS3;
import dev.scenelift.job.ExitCodes;
import dev.scenelift.json.Json;
import dev.scenelift.scene.Collection;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Sensor;
import dev.scenelift.scene.Tile;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Location;
import dev.scenelift.submit.InProcessSubmitRun;
import dev.scenelift.submit.InProcessSubmitRun.Result;
import dev.scenelift.synthetic.SyntheticTiles;
import dev.scenelift.testing.StacApiServer;
import dev.scenelift.testing.SyntheticC2Items;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gdal.gdal.Dataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code submit-run --tile h03v03 --stac URL} through all four real jobs on the embedded default, against a STAC API on
 * loopback that lists the synthetic Collection 2 scenes as USGS does: per scene an SR, ST, BT and TA item, the QA bands
 * in the SR and ST items both and the XML in every item, each asset with file:size and a SHA-512 file:checksum, served
 * over http (loopback) or, with {@code --request-payer requester}, from their {@code alternate.s3} hrefs on the store.
 */
class StacRunTest {
  private static final Tile TILE = Tile.parse("h03v03");

  @TempDir Path home;

  private InProcessSubmitRun submitRun;
  private StacApiServer server;
  private List<StacApiServer.Item> items;
  private List<SceneId> scenes;
  private Path dataDir;
  private Path store;

  @BeforeEach
  void start() throws Exception {
    submitRun = new InProcessSubmitRun(home);
    server = new StacApiServer();
    server.setFileSizes(true);
    server.setPageSize(5);
    SyntheticTiles.Folder generated = new SyntheticTiles(home.resolve("gen"), 32, Collection.C2).ensure(TILE, 4);
    scenes = generated.scenes();
    items = SyntheticC2Items.of(generated);
    dataDir = home.resolve("data");
    store = dataDir.resolve("store/scenelift");
  }

  @AfterEach
  void stop() {
    server.close();
    submitRun.close();
  }

  private Result run(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("--tile", "h03v03", "--stac", server.api().toString(),
        "--data-dir", dataDir.toString(), "--port", "0", "--json"));
    args.addAll(List.of(extra));
    return submitRun.run(args.toArray(String[]::new));
  }

  /**
   * One scene's SR item lists a wrong file:checksum for one band: that scene fails in fetch-scene with one line and its
   * failure record and nothing else in raw/, the others go through all four stages, index-build lists the failed one,
   * submit-run exits 1. With the item corrected, the same command again redoes only that scene and exits 0, with the
   * three collections filled as from the bundles (4, 2 and 1 scenes).
   */
  @Test
  void aStacRunFailsOnlyTheSceneWithABadChecksumAndARerunWithTheItemMendedFinishesTheTile() throws Exception {
    SceneId bad = scenes.stream().filter(s -> s.sensor() == Sensor.LT05).findFirst().orElseThrow();
    for (StacApiServer.Item item : items) {
      if (item.scene().equals(bad)) {
        server.addBroken(item, served -> {
          if (served.path("assets").has("sr_b3")) {
            ((ObjectNode) served.get("assets").get("sr_b3"))
                .put("file:checksum", StacApiServer.sha512Multihash("other bytes".getBytes(StandardCharsets.UTF_8)));
          }
        });
      } else {
        server.add(item);
      }
    }

    Result first = run();

    assertThat(first.exit()).as(first.err()).isEqualTo(ExitCodes.SCENES_FAILED);
    assertThat(first.err()).as("four items per scene, five a page, grouped into one scene each")
        .contains("16 item(s) on 4 page(s) for tile h03v03 in landsat-c2ard-sr, landsat-c2ard-st, landsat-c2ard-bt,"
            + " landsat-c2ard-ta: 4 scene(s)");
    List<String> lines = first.err().lines().filter(l -> l.startsWith("L")).toList();
    assertThat(lines).as(first.err()).singleElement().asString()
        .startsWith(bad + " fetch-scene: ")
        .contains("SR/" + bad + "_SR_B3.TIF")
        .contains("does not match the catalog's file:checksum");
    JsonNode record = Json.mapper().readTree(raw(bad).resolve("_scenelift/fetch-scene.failed.json").toFile());
    assertThat(record.get("kind").asText()).isEqualTo("checksum-mismatch");
    assertThat(filesUnder(raw(bad))).as("no file of the scene: its failure record and index-build's listing of it")
        .containsExactly("AAlist.html", "_scenelift/fetch-scene.failed.json");
    JsonNode summary = Json.mapper().readTree(first.out());
    assertThat(summary.get("collections")).extracting(c -> c.get("scenes").asInt()).containsExactly(3, 2, 1);
    assertThat(Files.readString(store.resolve("raw/h03v03/thumbs/thumbindex.html")))
        .contains("Failed scenes (1)", bad.toString());
    SceneId good = scenes.stream().filter(s -> !s.equals(bad)).findFirst().orElseThrow();
    byte[] goodMarker = Files.readAllBytes(raw(good).resolve("_scenelift/fetch-scene.done.json"));

    server.mend(bad);
    Result second = run();

    assertThat(second.exit()).as(second.err()).isZero();
    JsonNode again = Json.mapper().readTree(second.out());
    assertThat(again.get("collections")).extracting(c -> c.get("scenes").asInt()).containsExactly(4, 2, 1);
    JsonNode fetch = again.get("stages").get(0);
    assertThat(fetch.get("done").asInt()).as("only the failed scene is fetched again").isEqualTo(1);
    assertThat(fetch.get("skipped").asInt()).isEqualTo(3);
    assertThat(Files.readAllBytes(raw(good).resolve("_scenelift/fetch-scene.done.json"))).isEqualTo(goodMarker);
    assertThat(raw(bad).resolve("_scenelift/fetch-scene.failed.json")).doesNotExist();
    assertThat(Files.readString(store.resolve("raw/h03v03/thumbs/thumbindex.html")))
        .doesNotContain("Failed scenes (");

    for (SceneId scene : scenes) {
      assertFetchedFileByFileAndVerified(scene, "http://");
    }
    assertCollectionsFilledAsFromBundles();
  }

  /**
   * The same tile read from the assets' {@code alternate.s3} hrefs ({@code --request-payer requester}): the objects sit
   * in USGS's bucket name and layout on the run's own store; every scene is streamed from there, its md5 ETags checked,
   * and the markers record that S3 was read as requester (the header on the wire is checked in fetch-scene's
   * SingleFileFetchTest, where a proxy sees the requests; the CLI does not let a test put one in front of its store).
   */
  @Test
  void aStacRunReadsTheAlternateS3HrefsAsRequesterAndFinishesTheTile() throws Exception {
    items.forEach(server::add);
    try (EmbeddedS3Store before = EmbeddedS3Store.onDisk(dataDir.resolve("store"), 0);
        S3Client s3 = S3ClientFactory.create(before.settings())) {
      s3.createBucket(b -> b.bucket(StacApiServer.S3_BUCKET));
      SyntheticC2Items.putOnS3(s3, items);
    }

    Result r = run("--request-payer", "requester");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).contains("assets read from their alternate s3:// hrefs (requester pays)");
    JsonNode summary = Json.mapper().readTree(r.out());
    assertThat(summary.get("source").asText()).isEqualTo("stac:" + server.api());
    assertThat(summary.get("collections")).extracting(c -> c.get("scenes").asInt()).containsExactly(4, 2, 1);
    for (SceneId scene : scenes) {
      JsonNode details = assertFetchedFileByFileAndVerified(scene, "s3://" + StacApiServer.S3_BUCKET + "/");
      assertThat(details.get("s3RequestPayer").asText()).isEqualTo("requester");
      assertThat(details.get("verified").elements().next().get("etag").asText())
          .matches("md5 [0-9a-f]{32} matches the object's ETag");
    }
    assertThat(server.requests()).as("no asset read over http").noneMatch(q -> q.startsWith("GET /tile/"));
    assertCollectionsFilledAsFromBundles();
  }

  /**
   * {@code retry} of a run started with {@code --public-url}: the new run's index-build publishes the catalog under the
   * same URL (submit-run records it in the manifest's options; the retry's jobs get it from there), so retrying does not
   * turn the published catalog's absolute links back into relative ones.
   */
  @Test
  void retryOfARunWithAPublicUrlPublishesUnderTheSameUrl() throws Exception {
    items.forEach(server::add);
    SceneId bad = scenes.stream().filter(s -> s.sensor() == Sensor.LT05).findFirst().orElseThrow();
    server.answerFile(bad + "_SR_B3.TIF", 403);
    String url = "https://scenelift-cog.s3.us-west-2.amazonaws.com/cog";
    String self = "\"rel\":\"self\",\"href\":\"" + url + "/catalog.json\"";
    Path catalog = store.resolve("cog/catalog.json");

    Result first = run("--public-url", url);

    assertThat(first.exit()).as(first.err()).isEqualTo(ExitCodes.SCENES_FAILED);
    assertThat(first.err().lines().filter(l -> l.startsWith("L")).toList()).singleElement().asString()
        .startsWith(bad + " fetch-scene: ").contains("HTTP 403");
    assertThat(Json.mapper().readTree(catalog.toFile()).get("links").toString()).contains(self);
    String runId = Json.mapper().readTree(first.out()).get("runId").asText();

    server.clearFileAnswers();
    Result retry = submitRun.run("retry", runId, "--data-dir", dataDir.toString(), "--port", "0");

    assertThat(retry.exit()).as(retry.err()).isZero();
    assertThat(retry.out()).contains("1 scenes (1 failed, 0 unfinished)");
    String retried = retry.out().strip().lines().reduce((a, b) -> b).orElseThrow();
    JsonNode manifest = Json.mapper().readTree(store.resolve("runs/" + retried + "/manifest.json").toFile());
    assertThat(manifest.get("options").get("public-url").asText()).isEqualTo(url + "/");
    assertThat(raw(bad).resolve("_scenelift/fetch-scene.done.json")).isRegularFile();
    assertThat(Files.readString(store.resolve("raw/h03v03/thumbs/thumbindex.html")))
        .as("the retry's index-build ran").doesNotContain("Failed scenes (");
    assertThat(Json.mapper().readTree(catalog.toFile()).get("links").toString()).contains(self);
  }

  private Path raw(SceneId scene) {
    return store.resolve("raw/h03v03/" + scene);
  }

  private static List<String> filesUnder(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  /**
   * The scene's raw tree holds each file of its items once, in the bundle folders of the tar layout (QA bands in QA/,
   * not twice), and its fetch marker says every file matched its file:checksum and came from {@code hrefPrefix}.
   */
  private JsonNode assertFetchedFileByFileAndVerified(SceneId scene, String hrefPrefix) throws Exception {
    Set<String> expected = items.stream().filter(i -> i.scene().equals(scene))
        .flatMap(i -> i.assets().stream())
        .map(a -> a.suffix().equals(".xml") ? scene + ".xml"
            : folder(a.suffix()) + "/" + scene + "_" + a.suffix())
        .collect(Collectors.toSet());
    List<String> stored = filesUnder(raw(scene)).stream()
        .filter(f -> f.endsWith(".TIF") || f.endsWith(".xml")).toList();
    assertThat(stored).as(scene.toString()).containsExactlyInAnyOrderElementsOf(expected);
    JsonNode marker = Json.mapper().readTree(raw(scene).resolve("_scenelift/fetch-scene.done.json").toFile());
    JsonNode details = marker.get("details");
    assertThat(details.get("verified").size()).isEqualTo(expected.size());
    details.get("verified").forEach(v ->
        assertThat(v.get("file:checksum").asText()).isEqualTo("sha2-512 matches the catalog's file:checksum"));
    details.get("fileSources").forEach(href -> assertThat(href.asText()).startsWith(hrefPrefix));
    return details;
  }

  /** The bundle folder a C2 file goes to: its name's first word (QA_PIXEL → QA, TOA_B4 → TOA). */
  private static String folder(String suffix) {
    return suffix.substring(0, suffix.indexOf('_'));
  }

  /**
   * What the tar path gives for these scenes too: the research scene's COGs copied, not re-encoded, and readable by
   * GDAL through the store; its STAC item with the C2 scale and offset; the ODC product; each collection's pages.
   */
  private void assertCollectionsFilledAsFromBundles() throws Exception {
    SceneId research = C2ResearchSet.scene(store);
    C2ResearchSet.assertCopiedWithC2Documents(store, research);
    String b4 = "SR/" + research + "_SR_B4";
    try (EmbeddedS3Store after = EmbeddedS3Store.onDisk(dataDir.resolve("store"), 0)) {
      GdalS3.configure(after.settings());
      S3Location location = new S3Location("scenelift", "cog/h03v03/" + research + "/" + b4 + ".tif");
      try (GdalDataset ds = GdalDataset.openReadOnly(GdalS3.path(location))) {
        Dataset d = ds.get();
        assertThat(d.GetRasterXSize()).isEqualTo(32);
        assertThat(d.GetMetadataItem("LAYOUT", "IMAGE_STRUCTURE")).isEqualTo("COG");
      }
    }
    for (String tree : List.of("raw", "opt", "cog")) {
      assertThat(store.resolve(tree + "/AAlist.html")).isRegularFile();
      assertThat(store.resolve(tree + "/h03v03/thumbs/thumbindex.html")).isRegularFile();
    }
    assertThat(Files.readString(store.resolve("cog/h03v03/thumbs/thumbindex.html"))).contains(research.toString());
  }
}
