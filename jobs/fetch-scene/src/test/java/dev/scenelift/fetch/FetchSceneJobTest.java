package dev.scenelift.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenelift.job.ExitCodes;
import dev.scenelift.job.JobEntryPoint;
import dev.scenelift.job.JobEnv;
import dev.scenelift.manifest.BundleSource;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import dev.scenelift.scene.Tile;
import dev.scenelift.marker.CompletionMarker;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.marker.FailureRecord;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.marker.MarkerStore;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Location;
import dev.scenelift.store.StoredObject;
import dev.scenelift.testing.S3TestSupport;
import dev.scenelift.testing.ElasticMq;
import dev.scenelift.testing.SharedData;
import software.amazon.awssdk.services.sqs.SqsClient;
import dev.scenelift.testing.TarBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

class FetchSceneJobTest {
  private static final String BUCKET = "scenelift";
  private static final KeyLayout LAYOUT = KeyLayout.inBucket(BUCKET);
  private static final SceneId FIRST = SceneId.parse("LC08_CU_003003_20130414_20170713_C01_V01");
  private static final SceneId SECOND = SceneId.parse("LC08_CU_003003_20130430_20170713_C01_V01");
  private static final SceneId THIRD = SceneId.parse("LE07_CU_003003_20130508_20170714_C01_V01");

  private static EmbeddedS3Store store;
  private static S3Client s3;

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void startStore() throws Exception {
    store = EmbeddedS3Store.inMemory();
    s3 = S3ClientFactory.create(store.settings());
    s3.createBucket(b -> b.bucket(BUCKET));
  }

  @AfterAll
  static void stopStore() throws Exception {
    s3.close();
    store.close();
  }

  @BeforeEach
  void emptyBucket() {
    for (String key : S3TestSupport.keys(s3, BUCKET, "")) {
      s3.deleteObject(b -> b.bucket(BUCKET).key(key));
    }
  }

  // --- building scenes and running the job ---

  private BundleSource bundle(SceneId scene, Bundle bundle, byte[] bytes, Optional<String> md5) throws Exception {
    Path file = dir.resolve(scene + "_" + bundle + ".tar");
    Files.write(file, bytes);
    return new BundleSource(bundle, file.toUri(), md5, bytes.length);
  }

  private BundleSource good(SceneId scene, Bundle bundle) throws Exception {
    byte[] tar =
        new TarBuilder()
            .file(scene + ".xml", "<scene id='" + scene + "'/>")
            .file(scene + "_" + bundle + "B1.tif", TarBuilder.randomBytes(40_000, bundle.ordinal()))
            .file(scene + "_" + bundle + "B2.tif", TarBuilder.randomBytes(1_000, 7))
            .tar();
    return bundle(scene, bundle, tar, Optional.of(TarBuilder.md5(tar)));
  }

  private SceneEntry scene(SceneId id, BundleSource... bundles) {
    return new SceneEntry(id, List.of(bundles));
  }

  private Map<String, String> env(List<SceneEntry> scenes) {
    Tile tile = scenes.get(0).id().tile();
    RunManifest manifest =
        new RunManifest(
            tile + "-20261124t0600-abcd",
            tile,
            dir.toUri().toString(),
            Instant.parse("2026-11-24T06:00:00Z"),
            10,
            LAYOUT,
            scenes,
            Map.of());
    S3Location location = new ManifestStore(s3).write(manifest);
    Map<String, String> env = JobEnv.forStore(store.settings());
    env.put(JobEnv.RUN_ID, manifest.runId());
    env.put(JobEnv.MANIFEST, location.toString());
    env.put(JobEnv.ARRAY_INDEX, "0");
    return env;
  }

  private int run(Map<String, String> env, String... args) {
    out.reset();
    err.reset();
    return new FetchSceneJob()
        .run(
            List.of(args),
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private MarkerStore markers() {
    return new MarkerStore(s3, LAYOUT);
  }

  private List<String> sceneKeys(SceneId scene) {
    return S3TestSupport.keys(s3, BUCKET, LAYOUT.sceneDir(LAYOUT.raw(), scene).key());
  }

  // --- behaviour ---

  @Test
  void fetchesEveryBundleAndWritesAMarkerListingEachObject() throws Exception {
    Map<String, String> env = env(List.of(scene(FIRST, good(FIRST, Bundle.SR), good(FIRST, Bundle.QA))));

    assertThat(run(env)).as(stderr()).isEqualTo(ExitCodes.OK);

    CompletionMarker marker = markers().marker(Stage.FETCH, FIRST).orElseThrow();
    List<String> keys = marker.objects().stream().map(StoredObject::key).toList();
    assertThat(keys)
        .containsExactlyInAnyOrder(
            LAYOUT.metadataXml(LAYOUT.raw(), FIRST).key(),
            LAYOUT.rawObject(FIRST, Bundle.SR, FIRST + "_SRB1.tif").key(),
            LAYOUT.rawObject(FIRST, Bundle.SR, FIRST + "_SRB2.tif").key(),
            LAYOUT.rawObject(FIRST, Bundle.QA, FIRST + "_QAB1.tif").key(),
            LAYOUT.rawObject(FIRST, Bundle.QA, FIRST + "_QAB2.tif").key());
    assertThat(marker.objects()).allSatisfy(o -> assertThat(o.checksum()).startsWith("crc32c:"));
    assertThat(marker.checksums()).containsOnlyKeys("SR.md5", "QA.md5");
    assertThat(marker.runId()).isEqualTo(env.get(JobEnv.RUN_ID));
    List<String> stored = new ArrayList<>(sceneKeys(FIRST));
    stored.remove(LAYOUT.marker(Stage.FETCH, FIRST).key());
    assertThat(stored).containsExactlyInAnyOrderElementsOf(keys);
    assertThat(stdout()).contains("done=1 skipped=0 failed=0");
  }

  @Test
  void md5MismatchLeavesNoMarkerAFailureRecordAndNoObjectsOfTheScene() throws Exception {
    byte[] qa = new TarBuilder().file(FIRST + "_PIXELQA.tif", TarBuilder.randomBytes(9_000_000, 9)).tar();
    Map<String, String> env =
        env(
            List.of(
                scene(
                    FIRST,
                    good(FIRST, Bundle.SR),
                    bundle(FIRST, Bundle.QA, qa, Optional.of("00000000000000000000000000000000")))));

    assertThat(run(env)).isEqualTo(ExitCodes.OK);

    assertThat(markers().isDone(Stage.FETCH, FIRST)).isFalse();
    FailureRecord failure = markers().failure(Stage.FETCH, FIRST).orElseThrow();
    assertThat(failure.kind()).isEqualTo("md5-mismatch");
    assertThat(sceneKeys(FIRST)).containsExactly(LAYOUT.failure(Stage.FETCH, FIRST).key());
    assertThat(S3TestSupport.incompleteUploads(s3, BUCKET)).isZero();
    assertThat(stderr().lines().toList())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains(FIRST.toString())
        .contains("md5");
  }

  @Test
  void oneFailedSceneLeavesTheOthersCompleteAndExitsOne() throws Exception {
    byte[] slip = new TarBuilder().file(SECOND + ".xml", "<x/>").file("../../escape.tif", "evil").tar();
    Map<String, String> env =
        env(
            List.of(
                scene(FIRST, good(FIRST, Bundle.SR)),
                scene(SECOND, bundle(SECOND, Bundle.SR, slip, Optional.empty())),
                scene(THIRD, good(THIRD, Bundle.SR))));

    assertThat(run(env)).isEqualTo(ExitCodes.OK);

    assertThat(markers().isDone(Stage.FETCH, FIRST)).isTrue();
    assertThat(markers().isDone(Stage.FETCH, THIRD)).isTrue();
    assertThat(markers().isDone(Stage.FETCH, SECOND)).isFalse();
    assertThat(markers().failure(Stage.FETCH, SECOND).orElseThrow().kind()).isEqualTo("unsafe-entry");
    assertThat(sceneKeys(SECOND)).containsExactly(LAYOUT.failure(Stage.FETCH, SECOND).key());
    assertThat(S3TestSupport.keys(s3, BUCKET, "")).noneMatch(k -> k.contains("escape"));
    assertThat(stderr().lines().toList())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains(SECOND.toString())
        .contains("../../escape.tif");
    assertThat(stdout()).contains("done=2 skipped=0 failed=1");
  }

  @Test
  void announcesEachFetchedAndFailedSceneOnTheEventsQueue() throws Exception {
    byte[] slip = new TarBuilder().file(SECOND + ".xml", "<x/>").file("../escape.tif", "evil").tar();
    Map<String, String> env =
        env(
            List.of(
                scene(FIRST, good(FIRST, Bundle.SR)),
                scene(SECOND, bundle(SECOND, Bundle.SR, slip, Optional.empty()))));
    try (ElasticMq mq = ElasticMq.start();
        SqsClient sqs = mq.client()) {
      java.net.URI queue = mq.createQueue(sqs, "scenelift-events");
      env.put(JobEnv.EVENTS_QUEUE, queue.toString());

      assertThat(run(env)).isEqualTo(ExitCodes.OK);

      List<String> bodies =
          ElasticMq.drain(sqs, queue, java.time.Duration.ofSeconds(5)).stream().map(m -> m.body()).toList();
      assertThat(bodies).hasSize(2);
      assertThat(bodies).anySatisfy(b -> assertThat(b).contains("scene.fetched").contains(FIRST.toString()));
      assertThat(bodies)
          .anySatisfy(b -> assertThat(b).contains("scene.failed").contains(SECOND.toString()).contains("escape"));
    }
  }

  @Test
  void malformedManifestIsOneLineNamingItAndARetryableExit() throws Exception {
    Map<String, String> env = env(List.of(scene(FIRST, good(FIRST, Bundle.SR))));
    S3Location manifest = S3Location.parse(env.get(JobEnv.MANIFEST));
    S3TestSupport.putString(s3, manifest, "{\"runId\": \"not a manifest\"");

    assertThat(run(env)).isEqualTo(ExitCodes.INFRASTRUCTURE);

    assertThat(stderr().lines().toList())
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("malformed run manifest " + manifest);
    assertThat(markers().isDone(Stage.FETCH, FIRST)).isFalse();
  }

  @Test
  void truncatedBundleFailsTheSceneAndRemovesWhatWasUploaded() throws Exception {
    byte[] tar =
        new TarBuilder()
            .file("a.tif", TarBuilder.randomBytes(100_000, 1))
            .file("b.tif", TarBuilder.randomBytes(100_000, 2))
            .tar();
    byte[] cut = java.util.Arrays.copyOf(tar, 150_000);
    Map<String, String> env =
        env(List.of(scene(FIRST, bundle(FIRST, Bundle.SR, cut, Optional.empty()).withSize(-1))));

    assertThat(run(env)).isEqualTo(ExitCodes.OK);

    assertThat(markers().failure(Stage.FETCH, FIRST).orElseThrow().kind()).isEqualTo("corrupt-archive");
    assertThat(sceneKeys(FIRST)).containsExactly(LAYOUT.failure(Stage.FETCH, FIRST).key());
  }

  @Test
  void rerunSkipsAFinishedScene() throws Exception {
    Map<String, String> env = env(List.of(scene(FIRST, good(FIRST, Bundle.SR))));
    assertThat(run(env)).isEqualTo(ExitCodes.OK);
    Instant finished = markers().marker(Stage.FETCH, FIRST).orElseThrow().finished();
    Files.delete(dir.resolve(FIRST + "_SR.tar"));

    assertThat(run(env)).as(stderr()).isEqualTo(ExitCodes.OK);

    assertThat(stdout()).contains("already fetched, skipped").contains("done=0 skipped=1 failed=0");
    assertThat(markers().marker(Stage.FETCH, FIRST).orElseThrow().finished()).isEqualTo(finished);
  }

  @Test
  void forceRedoesAFinishedScene() throws Exception {
    Map<String, String> env = env(List.of(scene(FIRST, good(FIRST, Bundle.SR))));
    assertThat(run(env)).isEqualTo(ExitCodes.OK);
    Instant finished = markers().marker(Stage.FETCH, FIRST).orElseThrow().finished();
    Thread.sleep(5);

    assertThat(run(env, "--force")).as(stderr()).isEqualTo(ExitCodes.OK);

    assertThat(stdout()).contains("done=1 skipped=0 failed=0");
    assertThat(markers().marker(Stage.FETCH, FIRST).orElseThrow().finished()).isAfter(finished);
  }

  @Test
  void forceCanComeFromTheEnvironment() throws Exception {
    Map<String, String> env = env(List.of(scene(FIRST, good(FIRST, Bundle.SR))));
    assertThat(run(env)).isEqualTo(ExitCodes.OK);
    env.put(JobEnv.FORCE, "true");

    assertThat(run(env)).isEqualTo(ExitCodes.OK);

    assertThat(stdout()).contains("done=1 skipped=0 failed=0");
  }

  @Test
  void aLaterSuccessfulAttemptRemovesTheFailureRecord() throws Exception {
    BundleSource missing =
        new BundleSource(Bundle.SR, dir.resolve("later_SR.tar").toUri(), Optional.empty(), -1);
    Map<String, String> env = env(List.of(scene(FIRST, missing)));
    assertThat(run(env)).isEqualTo(ExitCodes.OK);
    assertThat(markers().failure(Stage.FETCH, FIRST).orElseThrow().kind()).isEqualTo("source-unavailable");
    assertThat(stderr()).contains("later_SR.tar");
    Files.write(dir.resolve("later_SR.tar"), new TarBuilder().file("a.tif", "a").tar());

    assertThat(run(env)).isEqualTo(ExitCodes.OK);

    assertThat(markers().failure(Stage.FETCH, FIRST)).isEmpty();
    assertThat(markers().isDone(Stage.FETCH, FIRST)).isTrue();
  }

  @Test
  void streamsTheRealUsgsQaBundleOfTileH14v07AndVerifiesItsMd5() throws Exception {
    String name = "LE07_CU_014007_20150223_20170330_C01_V01";
    Path tar = SharedData.file("ard-samples/" + name + "_QA.tar");
    String md5 = Files.readString(SharedData.file("ard-samples/" + name + "_QA.md5")).strip().split("\\s+")[0];
    SceneId scene = SceneId.parse(name);
    Map<String, String> env =
        env(List.of(scene(scene, new BundleSource(Bundle.QA, tar.toUri(), Optional.of(md5), Files.size(tar)))));

    assertThat(run(env)).as(stderr()).isEqualTo(ExitCodes.OK);

    CompletionMarker marker = markers().marker(Stage.FETCH, scene).orElseThrow();
    assertThat(marker.checksums()).containsEntry("QA.md5", "829d66729ec1651713ffb092795bb46e");
    assertThat(marker.objects()).hasSize(6);
    assertThat(S3TestSupport.readString(s3, LAYOUT.metadataXml(LAYOUT.raw(), scene))).contains(name);
    assertThat(LAYOUT.metadataXml(LAYOUT.raw(), scene).key()).startsWith("raw/h14v07/" + name + "/");
  }

  @Test
  void helpListsTheForceOptionWithItsDefaultAndTheExitCodes() {
    assertThat(run(Map.of(), "--help")).isEqualTo(ExitCodes.OK);

    assertThat(stdout())
        .contains("--force")
        .contains("default: false")
        .contains("Exit codes:")
        .contains("0   every scene ended: fetched, already done, or failed with a failure record")
        .doesNotContain("1   ")
        .contains("2   bad arguments or configuration")
        .contains("3   infrastructure error");
  }

  @Test
  void missingConfigurationIsAUsageErrorNamingTheVariable() {
    assertThat(run(Map.of())).isEqualTo(ExitCodes.USAGE);

    assertThat(stderr()).contains(JobEnv.RUN_ID);
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(run(Map.of(), "--frobnicate")).isEqualTo(ExitCodes.USAGE);

    assertThat(stderr()).contains("--frobnicate");
  }

  @Test
  void isRegisteredAsTheFetchStageEntryPoint() {
    assertThat(ServiceLoader.load(JobEntryPoint.class).stream().map(ServiceLoader.Provider::get))
        .anySatisfy(e -> assertThat(e).isInstanceOf(FetchSceneJob.class).extracting(JobEntryPoint::stage)
            .isEqualTo(Stage.FETCH));
  }
}
