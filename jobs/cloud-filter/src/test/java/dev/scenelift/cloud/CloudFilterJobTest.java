package dev.scenelift.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scenelift.job.JobEnv;
import dev.scenelift.job.JobEntryPoint;
import dev.scenelift.json.Json;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.qa.QaRasters;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import dev.scenelift.scene.Tile;
import dev.scenelift.marker.CompletionMarker;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.marker.MarkerStore;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Location;
import dev.scenelift.testing.S3TestSupport;
import dev.scenelift.verdict.CloudFreeList;
import dev.scenelift.collection.Membership;
import dev.scenelift.collection.TileCollection;
import dev.scenelift.verdict.CloudVerdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The job end to end against an in-process S3, with QA bands written by GDAL. */
class CloudFilterJobTest {
  static final SceneId CLEAR = SceneId.parse("LC08_CU_003003_20130414_20170713_C01_V01");
  static final SceneId CLOUDY = SceneId.parse("LE07_CU_003003_20130422_20170713_C01_V01");
  static final SceneId UNFETCHED = SceneId.parse("LT05_CU_003003_20100101_20170713_C01_V01");
  static final int CLEAR_PX = 66;
  static final int CLOUD_PX = 224;
  static final int FILL_PX = 1;

  private static EmbeddedS3Store store;
  private static S3Client s3;
  private static int bucketCounter;

  @TempDir Path work;
  @TempDir Path scratch;
  private String bucket;
  private KeyLayout layout;
  private MarkerStore markers;
  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

  @BeforeAll
  static void start() throws Exception {
    store = EmbeddedS3Store.inMemory();
    s3 = S3ClientFactory.create(store.settings());
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
    store.close();
  }

  @BeforeEach
  void bucket() {
    bucket = "scenelift-" + (++bucketCounter);
    s3.createBucket(b -> b.bucket(bucket));
    layout = KeyLayout.inBucket(bucket);
    markers = new MarkerStore(s3, layout);
  }

  // --- fixtures ------------------------------------------------------------------------------------------------

  /** 100 x 100: the left {@code fillCols} columns fill, then {@code cloudCols} columns of cloud, the rest clear. */
  private void fetched(SceneId id, int fillCols, int cloudCols) {
    IntBinaryOperator px = (x, y) -> x < fillCols ? FILL_PX : x < fillCols + cloudCols ? CLOUD_PX : CLEAR_PX;
    Path tif = QaRasters.write(work.resolve(SceneFilter.qaFileName(id)), 100, 100, 32, px);
    double fill = fillCols;
    double cloud = fillCols == 100 ? 0 : 100.0 * cloudCols / (100 - fillCols);
    put(layout.rawObject(id, Bundle.QA, SceneFilter.qaFileName(id)), tif);
    putString(layout.metadataXml(layout.raw(), id), TileXml.c1(id, cloud, 0, 0, fill));
    putString(layout.rawObject(id, Bundle.SR, id + "_SRB1.tif"), "pretend band");
    markers.markDone(
        new CompletionMarker(id, Stage.FETCH, "run-fetch", List.of(), Map.of(), "file:///src", Instant.now(),
            Instant.now(), 1, "test", Map.of()));
  }

  private void put(S3Location loc, Path file) {
    s3.putObject(b -> b.bucket(loc.bucket()).key(loc.key()), RequestBody.fromFile(file));
  }

  private void putString(S3Location loc, String body) {
    S3TestSupport.putString(s3, loc, body);
  }

  private void manifest(String runId, int perTask, Map<String, String> options, SceneId... ids) {
    List<SceneEntry> scenes = new ArrayList<>();
    for (SceneId id : ids) {
      scenes.add(new SceneEntry(id, List.of()));
    }
    new ManifestStore(s3)
        .write(new RunManifest(runId, Tile.parse("h03v03"), "test", Instant.now(), perTask, layout, scenes, options));
  }

  private int run(String runId, int index, String... args) {
    Map<String, String> env = JobEnv.forStore(store.settings());
    env.put(JobEnv.RUN_ID, runId);
    env.put(JobEnv.MANIFEST, layout.manifest(runId).toString());
    env.put(JobEnv.ARRAY_INDEX, Integer.toString(index));
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--temp-dir=" + scratch);
    return new CloudFilterEntryPoint()
        .run(all, env, new PrintStream(outBytes, true, StandardCharsets.UTF_8),
            new PrintStream(errBytes, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }

  private CloudVerdict verdict(SceneId id) {
    S3Location loc = layout.cloudVerdict(id);
    return Json.read(s3.getObjectAsBytes(b -> b.bucket(loc.bucket()).key(loc.key())).asByteArray(), CloudVerdict.class);
  }

  private boolean exists(S3Location loc) {
    return !S3TestSupport.keys(s3, loc.bucket(), loc.key()).isEmpty();
  }

  private void deleteQa(SceneId id) {
    S3Location loc = layout.rawObject(id, Bundle.QA, SceneFilter.qaFileName(id));
    s3.deleteObject(b -> b.bucket(loc.bucket()).key(loc.key()));
  }

  // --- behaviour -----------------------------------------------------------------------------------------------

  @Test
  void judgesFetchedScenesAndReportsUnfetchedOnesAsNotReady() throws Exception {
    fetched(CLEAR, 20, 4); // 4 / 80 = 5 % cloud, 20 % fill
    fetched(CLOUDY, 0, 40); // 40 % cloud
    manifest("run-a", 10, Map.of(), CLEAR, CLOUDY, UNFETCHED);

    assertThat(run("run-a", 0)).as(err()).isZero();

    CloudVerdict clear = verdict(CLEAR);
    assertThat(clear.cloudFree()).isTrue();
    assertThat(clear.reason()).isEqualTo("clear");
    assertThat(clear.cloudPercent()).isEqualTo(5.0);
    assertThat(clear.fillPercent()).isEqualTo(20.0);
    assertThat(clear.percent().get("clear")).isEqualTo(95.0);
    assertThat(clear.metadata().get("cloud_cover")).isEqualTo(5.0);
    assertThat(Math.abs(clear.cloudPercent() - clear.metadata().get("cloud_cover"))).isLessThanOrEqualTo(0.5);
    assertThat(clear.thresholds())
        .containsEntry("cloud-free-max-cloud", "10")
        .containsEntry("cog-max-cloud", "1")
        .containsEntry("cog-sensors", "LC08")
        .containsEntry("cirrus-is-cloud", "false");
    assertThat(clear.collections().keySet()).containsExactly("full", "cloud-free", "cog-research");
    assertThat(clear.membership(TileCollection.FULL).member()).isTrue();
    assertThat(clear.membership(TileCollection.CLOUD_FREE)).isEqualTo(new Membership(true, "clear"));
    assertThat(clear.membership(TileCollection.COG_RESEARCH))
        .as("5 %% cloud and 20 %% fill are too much for the research set")
        .isEqualTo(new Membership(false, "cloud 5.00% > 1%; fill 20.00% > 5%"));
    assertThat(clear.runId()).isEqualTo("run-a");

    CloudVerdict cloudy = verdict(CLOUDY);
    assertThat(cloudy.cloudFree()).isFalse();
    assertThat(cloudy.reason()).isEqualTo("cloud 40.00% > 10%");
    assertThat(Math.abs(cloudy.cloudPercent() - cloudy.metadata().get("cloud_cover"))).isLessThanOrEqualTo(0.5);

    assertThat(exists(layout.cloudVerdict(UNFETCHED))).isFalse();
    assertThat(markers.isDone(Stage.FILTER, UNFETCHED)).isFalse();
    assertThat(out()).contains(UNFETCHED + ": not ready (no fetch-scene marker)");
    assertThat(markers.isDone(Stage.FILTER, CLEAR)).isTrue();
    assertThat(markers.marker(Stage.FILTER, CLOUDY).get().details()).containsEntry("bandRead", true);

    assertThat(S3TestSupport.readString(s3, layout.runDir("run-a").resolve("cloud-free.txt"))).isEqualTo(CLEAR + "\n");
    CloudFreeList list = Json.read(
        S3TestSupport.readString(s3, layout.runDir("run-a").resolve("cloud-free.json")).getBytes(StandardCharsets.UTF_8),
        CloudFreeList.class);
    assertThat(list.scenes()).extracting(CloudFreeList.Entry::scene).containsExactly(CLEAR, CLOUDY);
    assertThat(list.cloudFree()).containsExactly(CLEAR);
    try (var left = Files.list(scratch)) {
      assertThat(left).as("temp files left").isEmpty();
    }
  }

  @Test
  void byDefaultCopiesOnlyCloudFreeScenesIntoTheOptTree() {
    fetched(CLEAR, 0, 0);
    fetched(CLOUDY, 0, 60);
    manifest("run-p", 10, Map.of(), CLEAR, CLOUDY);

    assertThat(run("run-p", 0)).as(err()).isZero();

    S3Location optClear = layout.sceneDir(layout.opt(), CLEAR);
    assertThat(S3TestSupport.keys(s3, bucket, optClear.key()))
        .containsExactlyInAnyOrder(
            optClear.key() + "QA/" + SceneFilter.qaFileName(CLEAR),
            optClear.key() + "SR/" + CLEAR + "_SRB1.tif",
            optClear.key() + CLEAR + ".xml",
            optClear.key() + "cloud.json");
    assertThat(S3TestSupport.readString(s3, optClear.resolve("SR/" + CLEAR + "_SRB1.tif"))).isEqualTo("pretend band");
    assertThat(S3TestSupport.keys(s3, bucket, layout.sceneDir(layout.opt(), CLOUDY).key())).isEmpty();

    // a stricter rerun demotes the scene from the opt tree again
    manifest("run-p2", 10, Map.of(), CLEAR, CLOUDY);
    fetched(CLEAR, 0, 1);
    assertThat(run("run-p2", 0, "--cloud-free-max-cloud", "0", "--recompute")).as(err()).isZero();
    assertThat(S3TestSupport.keys(s3, bucket, optClear.key())).isEmpty();
  }

  @Test
  void promoteNoneLeavesTheOptTreeAlone() {
    fetched(CLEAR, 0, 0);
    manifest("run-n", 10, Map.of("promote", "none"), CLEAR);

    assertThat(run("run-n", 0)).as(err()).isZero();

    assertThat(verdict(CLEAR).cloudFree()).isTrue();
    assertThat(S3TestSupport.keys(s3, bucket, layout.opt().key())).isEmpty();
    assertThat(markers.marker(Stage.FILTER, CLEAR).get().details()).containsEntry("promote", "none");
  }

  @Test
  void anAlmostCloudlessFullyCoveredLc08BelongsToEveryCollection() {
    fetched(CLEAR, 0, 0);
    manifest("run-all", 10, Map.of(), CLEAR);

    assertThat(run("run-all", 0)).as(err()).isZero();

    CloudVerdict v = verdict(CLEAR);
    assertThat(v.collections().values()).allMatch(Membership::member);
    assertThat(markers.marker(Stage.FILTER, CLEAR).get().details())
        .containsEntry("collections", "full,cloud-free,cog-research");
    assertThat(out()).contains(CLEAR + ": cloud-free: clear (cloud 0.00%, fill 0.00%); COG research set: yes");
    // the research rule is its own: a stricter fill bound takes the scene out of it, not out of the cloud-free set
    manifest("run-all2", 10, Map.of("cog-max-fill", "0", "cog-sensors", "LE07"), CLEAR);
    assertThat(run("run-all2", 0)).as(err()).isZero();
    assertThat(verdict(CLEAR).membership(TileCollection.COG_RESEARCH).reason())
        .isEqualTo("sensor " + CLEAR.sensor() + " not selected");
    assertThat(verdict(CLEAR).cloudFree()).isTrue();
  }

  @Test
  void rerunWithOtherThresholdsRejudgesFromCloudJsonWithoutReadingTheBand() {
    fetched(CLEAR, 0, 2);
    fetched(CLOUDY, 0, 40);
    manifest("run-r", 10, Map.of(), CLEAR, CLOUDY);
    assertThat(run("run-r", 0)).isZero();
    assertThat(verdict(CLOUDY).cloudFree()).isFalse();

    deleteQa(CLEAR);
    deleteQa(CLOUDY);
    manifest("run-r2", 10, Map.of(), CLEAR, CLOUDY);
    assertThat(run("run-r2", 0, "--cloud-free-max-cloud", "50")).as(err()).isZero();
    CloudVerdict rejudged = verdict(CLOUDY);
    assertThat(rejudged.cloudFree()).isTrue();
    assertThat(rejudged.runId()).isEqualTo("run-r2");
    assertThat(rejudged.thresholds()).containsEntry("cloud-free-max-cloud", "50");
    assertThat(rejudged.cloudPercent()).isEqualTo(40.0);
    assertThat(markers.marker(Stage.FILTER, CLOUDY).get().details()).containsEntry("bandRead", false);
    assertThat(S3TestSupport.readString(s3, layout.runDir("run-r2").resolve("cloud-free.txt")))
        .isEqualTo(CLEAR + "\n" + CLOUDY + "\n");

    // --recompute must read the band: with the bands gone, both scenes fail
    manifest("run-r3", 10, Map.of(), CLEAR, CLOUDY);
    assertThat(run("run-r3", 0, "--recompute")).as("failed scenes have records: the child exits 0").isZero();
    assertThat(markers.failure(Stage.FILTER, CLOUDY).get().kind()).isEqualTo("qa-missing");
    assertThat(err()).contains("cloud-filter: " + CLOUDY + ": no QA band at s3://" + bucket + "/raw/h03v03/" + CLOUDY);
  }

  @Test
  void rerunReachingTheSameJudgementLeavesCloudJsonAsItWas() {
    fetched(CLEAR, 0, 2);
    manifest("run-s", 10, Map.of(), CLEAR);
    assertThat(run("run-s", 0)).isZero();
    S3Location loc = layout.cloudVerdict(CLEAR);
    String etag = s3.headObject(b -> b.bucket(loc.bucket()).key(loc.key())).eTag();

    manifest("run-s2", 10, Map.of(), CLEAR);
    assertThat(run("run-s2", 0)).as(err()).isZero();
    assertThat(s3.headObject(b -> b.bucket(loc.bucket()).key(loc.key())).eTag())
        .as("same judgement: index-build must see unchanged inputs")
        .isEqualTo(etag);
    assertThat(verdict(CLEAR).runId()).isEqualTo("run-s");
    assertThat(markers.marker(Stage.FILTER, CLEAR).get().details()).containsEntry("verdictRewritten", false);

    manifest("run-s3", 10, Map.of(), CLEAR);
    assertThat(run("run-s3", 0, "--cloud-free-max-cloud", "1")).as(err()).isZero();
    assertThat(verdict(CLEAR).runId()).as("other thresholds: a new judgement is written").isEqualTo("run-s3");
    assertThat(markers.marker(Stage.FILTER, CLEAR).get().details()).containsEntry("verdictRewritten", true);
  }

  @Test
  void readsTheBandThroughGdalVsis3WithoutTempFiles() throws Exception {
    fetched(CLEAR, 20, 4);
    fetched(CLOUDY, 0, 40);
    manifest("run-v", 10, Map.of(), CLEAR, CLOUDY);
    assertThat(run("run-v", 0, "--qa-read", "vsis3")).as(err()).isZero();
    assertThat(verdict(CLEAR).cloudPercent()).isEqualTo(5.0);
    assertThat(verdict(CLEAR).fillPercent()).isEqualTo(20.0);
    assertThat(verdict(CLOUDY).cloudPercent()).isEqualTo(40.0);
    try (var left = Files.list(scratch)) {
      assertThat(left).isEmpty();
    }
    deleteQa(CLOUDY);
    manifest("run-v2", 10, Map.of(), CLOUDY);
    assertThat(run("run-v2", 0, "--qa-read", "vsis3", "--recompute")).as("failed scenes have records: the child exits 0").isZero();
    assertThat(markers.failure(Stage.FILTER, CLOUDY).get().kind()).isEqualTo("qa-missing");
  }

  @Test
  void thresholdsDefaultToTheManifestOptions() {
    fetched(CLOUDY, 0, 40);
    manifest("run-m", 10, Map.of("cloud-free-max-cloud", "45", "cloud-free-sensors", "LE07,LC08"), CLOUDY);
    assertThat(run("run-m", 0)).isZero();
    assertThat(verdict(CLOUDY).cloudFree()).isTrue();
    assertThat(verdict(CLOUDY).thresholds())
        .containsEntry("cloud-free-max-cloud", "45")
        .containsEntry("cloud-free-sensors", "LE07,LC08");

    manifest("run-m2", 10, Map.of("cloud-free-max-cloud", "45"), CLOUDY);
    assertThat(run("run-m2", 0, "--cloud-free-sensors", "LC08")).isZero();
    assertThat(verdict(CLOUDY).cloudFree()).isFalse();
    assertThat(verdict(CLOUDY).reason()).isEqualTo("sensor LE07 not selected");
  }

  @Test
  void malformedMetadataFailsOnlyThatSceneWithOneLineNamingTheField() {
    fetched(CLEAR, 0, 0);
    fetched(CLOUDY, 0, 40);
    putString(layout.metadataXml(layout.raw(), CLOUDY),
        TileXml.c1(CLOUDY, 40, 0, 0, 0).replaceFirst("<cloud_cover>[^<]*</cloud_cover>", ""));
    manifest("run-x", 10, Map.of(), CLOUDY, CLEAR);

    assertThat(run("run-x", 0)).as("failed scenes have records: the child exits 0").isZero();
    assertThat(err().lines().toList())
        .containsExactly("cloud-filter: " + CLOUDY + ": " + CLOUDY
            + ": metadata field tile_metadata/global_metadata/cloud_cover is missing");
    assertThat(markers.failure(Stage.FILTER, CLOUDY).get().kind()).isEqualTo("metadata-invalid");
    assertThat(exists(layout.cloudVerdict(CLOUDY))).isFalse();
    assertThat(markers.isDone(Stage.FILTER, CLOUDY)).isFalse();
    assertThat(verdict(CLEAR).cloudFree()).isTrue();
  }

  @Test
  void eachChildWritesItsPartAndTheLastOneMergesTheLists() {
    fetched(CLEAR, 0, 0);
    fetched(CLOUDY, 0, 40);
    manifest("run-c", 1, Map.of(), CLEAR, CLOUDY, UNFETCHED);
    S3Location txt = layout.runDir("run-c").resolve("cloud-free.txt");
    assertThat(run("run-c", 2)).isZero();
    assertThat(run("run-c", 0)).isZero();
    assertThat(exists(txt)).isFalse();
    assertThat(run("run-c", 1)).isZero();
    assertThat(S3TestSupport.readString(s3, txt)).isEqualTo(CLEAR + "\n");
    assertThat(S3TestSupport.keys(s3, bucket, layout.runDir("run-c").key() + "cloud-free/")).hasSize(3);
  }

  @Test
  void sceneFailedByFetchIsReportedWithThatCauseAndGetsNoRecordOfItsOwn() throws Exception {
    fetched(CLEAR, 20, 4);
    markers.markFailed(
        new dev.scenelift.marker.FailureRecord(UNFETCHED, Stage.FETCH, "run-f", "md5-mismatch", "md5 differs", 1,
            java.time.Instant.now()));
    manifest("run-f", 10, Map.of(), CLEAR, UNFETCHED);

    assertThat(run("run-f", 0)).as(err()).isZero();

    assertThat(out()).contains(UNFETCHED + ": not judged: fetch-scene failed (md5-mismatch)");
    assertThat(err()).doesNotContain(UNFETCHED.toString());
    assertThat(markers.failure(Stage.FILTER, UNFETCHED)).isEmpty();
    assertThat(markers.isDone(Stage.FILTER, CLEAR)).isTrue();
  }

  @Test
  void usageErrorsExitTwoAndHelpListsExitCodes() {
    manifest("run-u", 10, Map.of(), CLEAR);
    assertThat(run("run-u", 0, "--cloud-free-max-cloud", "150")).isEqualTo(2);
    assertThat(err()).contains("cloud-free rule: cloud-free-max-cloud must be a percentage in [0, 100], got 150");
    assertThat(run("run-u", 0, "--promote", "move")).isEqualTo(2);
    assertThat(run("run-u", 0, "--bogus")).isEqualTo(2);
    assertThat(run("run-without-manifest", 0)).isEqualTo(3);
    assertThat(run("run-u", 0, "--help")).isZero();
    assertThat(out()).contains("--cloud-free-max-cloud=PERCENT", "else 10", "--cog-sensors", "else LC08", "Exit codes:",
            "0   every scene ended")
        .doesNotContain("1   ");
  }

  @Test
  void collection2ScenesCountDilatedCloudOnlyWhenAsked() throws Exception {
    SceneId c2 = SceneId.parse("LC08_CU_003003_20210618_20210702_02");
    // C2 QA_PIXEL: 10 columns cloud (bit 3, high confidence), 20 columns dilated cloud (bit 1) + clear, rest clear
    IntBinaryOperator px = (x, y) -> x < 10 ? 0x0308 : x < 30 ? 0x5542 : 0x5540;
    Path tif = QaRasters.write(work.resolve(SceneFilter.qaFileName(c2)), 100, 100, 32, px);
    put(layout.rawObject(c2, Bundle.QA, SceneFilter.qaFileName(c2)), tif);
    String xml;
    try (var in = getClass().getResourceAsStream("/metadata/" + c2 + ".xml")) {
      xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    putString(layout.metadataXml(layout.raw(), c2),
        xml.replace("<CLOUD_COVER>12.3456<", "<CLOUD_COVER>10.0000<").replace("<FILL>3.75<", "<FILL>0<"));
    markers.markDone(new CompletionMarker(c2, Stage.FETCH, "f", List.of(), Map.of(), "x", Instant.now(), Instant.now(),
        1, "test", Map.of()));
    manifest("run-c2", 10, Map.of(), c2);

    assertThat(run("run-c2", 0)).as(err()).isZero();
    CloudVerdict v = verdict(c2);
    assertThat(v.cloudFree()).isTrue();
    assertThat(v.cloudPercent()).isEqualTo(10.0);
    assertThat(v.percent().get("dilated_cloud")).isEqualTo(20.0);
    assertThat(v.percent().get("cloud_high")).isEqualTo(10.0);
    assertThat(v.metadata().get("cloud_cover")).isCloseTo(v.cloudPercent(), within(0.5));

    manifest("run-c2b", 10, Map.of(), c2);
    assertThat(run("run-c2b", 0, "--dilated-is-cloud")).isZero();
    assertThat(verdict(c2).cloudFree()).isFalse();
    assertThat(verdict(c2).reason()).isEqualTo("cloud or dilated 30.00% > 10%");
  }

  @Test
  void isRegisteredAsTheFilterStage() {
    assertThat(ServiceLoader.load(JobEntryPoint.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.stage() == Stage.FILTER).toList()).hasSize(1);
  }
}
