package dev.scenelift.batch.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.scenelift.batch.JobState;
import dev.scenelift.batch.JobStatus;
import dev.scenelift.json.Json;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.runs.StageChain;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AwsBatchEngineTest {
  private static final BatchCallPolicy FAST =
      new BatchCallPolicy(50, 4, Duration.ofMillis(20), Duration.ofMillis(100));
  private static final String RUN = "h03v03-20261124t0600-abcd";

  private static BatchApiServer api;
  private static List<SceneEntry> real;

  private final StageChain chain = new StageChain(java.util.Optional.empty(), Map.of());

  @BeforeAll
  static void start() throws Exception {
    api = new BatchApiServer();
    real = RealTileList.scenes();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @BeforeEach
  void reset() {
    api.defaults();
  }

  private AwsBatchEngine engine() {
    return new AwsBatchEngine(api.client(), true, api.config(), FAST);
  }

  private RunManifest manifest(List<SceneEntry> scenes, OptionalInt k) {
    return RealTileList.manifest(RUN, api.config().layout(), scenes, k);
  }

  private static S3Location manifestAt(RunManifest m) {
    return m.layout().manifest(m.runId());
  }

  @Test
  void submitsRealTileAsFourArrayJobsChainedNToN() {
    RunManifest m = manifest(real, OptionalInt.empty());
    assertThat(m.scenes()).hasSize(2357);
    int tasks = m.split().taskCount();
    try (AwsBatchEngine engine = engine()) {
      List<String> ids = chain.submit(m, manifestAt(m), engine);
      assertThat(ids)
          .containsExactly(
              "id-scenelift-" + RUN + "-fetch-scene",
              "id-scenelift-" + RUN + "-cloud-filter",
              "id-scenelift-" + RUN + "-cog-convert",
              "id-scenelift-" + RUN + "-index-build");
    }
    List<JsonNode> bodies = api.requests("submitjob").stream().map(BatchApiServer::body).toList();
    assertThat(bodies).hasSize(4);
    assertThat(api.requests("listjobs")).hasSize(4);
    JsonNode fetch = bodies.get(0);
    assertThat(fetch.get("jobName").asText()).isEqualTo("scenelift-" + RUN + "-fetch-scene");
    assertThat(fetch.get("jobQueue").asText()).isEqualTo("scenelift-queue");
    assertThat(fetch.get("jobDefinition").asText()).isEqualTo("scenelift-fetch-scene");
    assertThat(fetch.get("arrayProperties").get("size").asInt()).isEqualTo(tasks).isBetween(2, 10_000);
    assertThat(fetch.has("dependsOn")).isFalse();
    assertThat(env(fetch))
        .containsEntry("SCENELIFT_RUN_ID", RUN)
        .containsEntry("SCENELIFT_MANIFEST", "s3://scenelift-runs/runs/" + RUN + "/manifest.json");
    assertThat(fetch.get("tags").get("scenelift:run-id").asText()).isEqualTo(RUN);
    assertThat(fetch.get("tags").get("scenelift:tile").asText()).isEqualTo("h03v03");
    assertThat(fetch.get("tags").get("scenelift:stage").asText()).isEqualTo("fetch-scene");
    assertThat(fetch.get("retryStrategy").get("attempts").asInt()).isEqualTo(3);
    assertThat(fetch.get("retryStrategy").get("evaluateOnExit"))
        .isEqualTo(
            tree("[{\"action\":\"RETRY\",\"onStatusReason\":\"Host EC2*\"},"
                + "{\"action\":\"RETRY\",\"onReason\":\"CannotPullContainerError*\"},"
                + "{\"action\":\"EXIT\",\"onExitCode\":\"1\"},"
                + "{\"action\":\"EXIT\",\"onExitCode\":\"2\"}]"));
    assertThat(fetch.get("timeout").get("attemptDurationSeconds").asInt()).isGreaterThanOrEqualTo(900);
    JsonNode filter = bodies.get(1);
    assertThat(filter.get("arrayProperties").get("size").asInt()).isEqualTo(tasks);
    assertThat(filter.get("dependsOn").toString())
        .isEqualTo("[{\"jobId\":\"id-scenelift-" + RUN + "-fetch-scene\",\"type\":\"N_TO_N\"}]");
    JsonNode cog = bodies.get(2);
    assertThat(cog.get("jobDefinition").asText()).isEqualTo("scenelift-cog-convert:7");
    assertThat(cog.get("dependsOn").get(0).get("type").asText()).isEqualTo("N_TO_N");
    JsonNode index = bodies.get(3);
    assertThat(index.has("arrayProperties")).isFalse();
    assertThat(index.get("dependsOn").toString())
        .isEqualTo("[{\"jobId\":\"id-scenelift-" + RUN + "-cog-convert\"}]");
    api.requests("submitjob")
        .forEach(r -> assertThat(r.getBody().length).isLessThan(SubmitJobBody.MAX_PAYLOAD_BYTES));
  }

  @Test
  void defaultScenesPerTaskAimsAtFourMinutesOfFetching() {
    RunManifest m = manifest(real, OptionalInt.empty());
    long median = ArraySizing.medianBytes(m.scenes());
    double minutes = m.scenesPerTask() * StageProfile.of(dev.scenelift.scene.Stage.FETCH).secondsPerScene(median) / 60;
    assertThat(minutes).isBetween(3.0, 5.0);
    assertThat(ArraySizing.byDuration(StageProfile.TYPICAL_SCENE_BYTES)).isEqualTo(8);
  }

  @Test
  void dryRunBodiesAreExactlyWhatTheApiReceives() throws Exception {
    RunManifest m = manifest(real, OptionalInt.of(10));
    DryRunEngine dry = new DryRunEngine(api.config());
    chain.submit(m, manifestAt(m), dry);
    assertThat(api.totalRequests()).isZero();
    try (AwsBatchEngine engine = engine()) {
      chain.submit(m, manifestAt(m), engine);
    }
    List<JsonNode> sent = api.requests("submitjob").stream().map(BatchApiServer::body).toList();
    for (int i = 0; i < 4; i++) {
      String expected = dry.bodies().get(i).json().replace("dry-run-", "id-scenelift-" + RUN + "-");
      assertThat(sent.get(i)).isEqualTo(Json.mapper().readTree(expected));
    }
  }

  @Test
  void runThatFitsOneTaskIsSubmittedAsPlainJobs() {
    RunManifest m = manifest(real.subList(0, 5), OptionalInt.empty());
    assertThat(m.split().taskCount()).isEqualTo(1);
    try (AwsBatchEngine engine = engine()) {
      chain.submit(m, manifestAt(m), engine);
    }
    List<JsonNode> bodies = api.requests("submitjob").stream().map(BatchApiServer::body).toList();
    assertThat(bodies).hasSize(4).allSatisfy(b -> assertThat(b.has("arrayProperties")).isFalse());
    assertThat(bodies.subList(1, 4))
        .allSatisfy(b -> assertThat(b.get("dependsOn").get(0).has("type")).isFalse());
  }

  @Test
  void moreThanTenThousandTasksRaisesDefaultScenesPerTask() {
    List<SceneEntry> many = RealTileList.madeUp(10_001);
    assertThat(ArraySizing.scenesPerTask(many, OptionalInt.empty())).isEqualTo(8);
    assertThat(ArraySizing.scenesPerTask(RealTileList.madeUp(90_001), OptionalInt.empty())).isEqualTo(10);
    RunManifest m = manifest(many, OptionalInt.of(2));
    try (AwsBatchEngine engine = engine()) {
      chain.submit(m, manifestAt(m), engine);
    }
    assertThat(BatchApiServer.body(api.requests("submitjob").get(0)).get("arrayProperties").get("size").asInt())
        .isEqualTo(5001);
  }

  @Test
  void explicitScenesPerTaskOverTenThousandTasksFailsBeforeAnyCall() {
    List<SceneEntry> many = RealTileList.madeUp(10_001);
    assertThatThrownBy(() -> manifest(many, OptionalInt.of(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--scenes-per-task 1 makes 10001 array tasks for 10001 scenes; AWS Batch allows at most 10000: use"
                + " --scenes-per-task 2 or more");
    RunManifest unchecked =
        new RunManifest(RUN, RealTileList.TILE, "x", java.time.Instant.EPOCH, 1, api.config().layout(), many, Map.of());
    try (AwsBatchEngine engine = engine()) {
      assertThatThrownBy(() -> chain.submit(unchecked, manifestAt(unchecked), engine))
          .hasMessageContaining("needs 10001 array tasks");
    }
    assertThat(api.totalRequests()).isZero();
  }

  @Test
  void throttledSubmitIsRetriedWithBackOff() {
    var wm = api.wireMock();
    wm.stubFor(
        post(urlEqualTo("/v1/submitjob"))
            .inScenario("throttle")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(BatchApiServer.json(429, "{\"__type\":\"TooManyRequestsException\",\"message\":\"Too Many Requests\"}"))
            .willSetStateTo("once"));
    wm.stubFor(
        post(urlEqualTo("/v1/submitjob"))
            .inScenario("throttle")
            .whenScenarioStateIs("once")
            .willReturn(BatchApiServer.json(429, "{\"__type\":\"TooManyRequestsException\",\"message\":\"Too Many Requests\"}"))
            .willSetStateTo("twice"));
    wm.stubFor(
        post(urlEqualTo("/v1/submitjob"))
            .inScenario("throttle")
            .whenScenarioStateIs("twice")
            .willReturn(BatchApiServer.json(200, "{\"jobName\":\"n\",\"jobId\":\"accepted-3rd\"}")));
    RunManifest m = manifest(real.subList(0, 20), OptionalInt.empty());
    long started = System.nanoTime();
    try (AwsBatchEngine engine = engine()) {
      assertThat(chain.submit(m, manifestAt(m), engine).get(0)).isEqualTo("accepted-3rd");
    }
    assertThat(api.requests("submitjob")).hasSizeGreaterThanOrEqualTo(3);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(40));
  }

  @Test
  void throttlingThatNeverEndsFailsWithOneLine() {
    api.wireMock()
        .stubFor(
            post(urlEqualTo("/v1/submitjob"))
                .willReturn(BatchApiServer.json(429, "{\"__type\":\"TooManyRequestsException\",\"message\":\"Too Many Requests\"}")));
    RunManifest m = manifest(real.subList(0, 20), OptionalInt.empty());
    try (AwsBatchEngine engine = engine()) {
      assertThatThrownBy(() -> chain.submit(m, manifestAt(m), engine))
          .isInstanceOf(BatchSubmitException.class)
          .hasMessageContaining("TooManyRequestsException");
    }
    assertThat(api.requests("submitjob")).hasSize(FAST.attempts());
  }

  @Test
  void clientExceptionSurfacesAsOneClearLineWithoutRetry() {
    api.wireMock()
        .stubFor(
            post(urlEqualTo("/v1/submitjob"))
                .willReturn(
                    BatchApiServer.json(
                        400,
                        "{\"__type\":\"ClientException\",\"message\":\"Job Queue scenelift-queue\\nnot found\"}")));
    RunManifest m = manifest(real.subList(0, 20), OptionalInt.empty());
    try (AwsBatchEngine engine = engine()) {
      assertThatThrownBy(() -> chain.submit(m, manifestAt(m), engine))
          .isInstanceOf(BatchSubmitException.class)
          .hasMessage(
              "AWS Batch SubmitJob for scenelift-"
                  + RUN
                  + "-fetch-scene failed (ClientException): Job Queue scenelift-queue not found");
    }
    assertThat(api.requests("submitjob")).hasSize(1);
  }

  @Test
  void resubmittingReusesTheJobTheQueueAlreadyAccepted() {
    api.wireMock()
        .stubFor(
            post(urlEqualTo("/v1/listjobs"))
                .withRequestBody(
                    com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath(
                        "$.filters[0].values[0]", com.github.tomakehurst.wiremock.client.WireMock.equalTo("scenelift-" + RUN + "-fetch-scene")))
                .willReturn(
                    BatchApiServer.json(
                        200,
                        "{\"jobSummaryList\":[{\"jobId\":\"earlier-fetch\",\"jobName\":\"scenelift-"
                            + RUN
                            + "-fetch-scene\",\"status\":\"RUNNING\",\"createdAt\":1}]}")));
    RunManifest m = manifest(real.subList(0, 20), OptionalInt.empty());
    try (AwsBatchEngine engine = engine()) {
      List<String> ids = chain.submit(m, manifestAt(m), engine);
      assertThat(ids.get(0)).isEqualTo("earlier-fetch");
    }
    List<JsonNode> submitted = api.requests("submitjob").stream().map(BatchApiServer::body).toList();
    assertThat(submitted).hasSize(3);
    assertThat(submitted.get(0).get("jobName").asText()).endsWith("-cloud-filter");
    assertThat(submitted.get(0).get("dependsOn").get(0).get("jobId").asText()).isEqualTo("earlier-fetch");
    JsonNode list = BatchApiServer.body(api.requests("listjobs").get(0));
    assertThat(list.get("jobQueue").asText()).isEqualTo("scenelift-queue");
    assertThat(list.get("filters").get(0).get("name").asText()).isEqualTo("JOB_NAME");
  }

  @Test
  void describeReadsArrayStatusSummary() {
    api.wireMock()
        .stubFor(
            post(urlEqualTo("/v1/describejobs"))
                .willReturn(
                    BatchApiServer.json(
                        200,
                        "{\"jobs\":[{\"jobId\":\"a\",\"jobName\":\"scenelift-x-fetch-scene\",\"status\":\"RUNNING\","
                            + "\"jobQueue\":\"q\",\"jobDefinition\":\"d\",\"startedAt\":1,"
                            + "\"arrayProperties\":{\"size\":10,\"statusSummary\":{\"SUCCEEDED\":6,\"FAILED\":1,"
                            + "\"RUNNING\":2,\"RUNNABLE\":1,\"PENDING\":0}}}]}")));
    try (AwsBatchEngine engine = engine()) {
      JobState state = engine.describe(List.of("a")).get(0);
      assertThat(state.status()).isEqualTo(JobStatus.RUNNING);
      assertThat(state.count(JobStatus.SUCCEEDED)).isEqualTo(6);
      assertThat(state.count(JobStatus.FAILED)).isEqualTo(1);
      assertThat(state.count(JobStatus.RUNNING)).isEqualTo(2);
      assertThat(state.count(JobStatus.PENDING)).isZero();
    }
    assertThat(BatchApiServer.body(api.requests("describejobs").get(0)).get("jobs").toString()).isEqualTo("[\"a\"]");
  }

  @Test
  void jobNamesAndDefinitionsFollowTheConvention() {
    assertThat(StageChain.jobName(RUN, dev.scenelift.scene.Stage.INDEX)).isEqualTo("scenelift-" + RUN + "-index-build");
    assertThat(AwsRunConfig.empty().jobDefinition(dev.scenelift.scene.Stage.FETCH)).isEqualTo("scenelift-fetch-scene");
    KeyLayout layout = api.config().layout();
    assertThat(layout.manifest(RUN).toString()).isEqualTo("s3://scenelift-runs/runs/" + RUN + "/manifest.json");
  }

  @Test
  void oversizedSubmitJobIsRefusedBeforeAnyCall() {
    StageChain fat = new StageChain(java.util.Optional.empty(), Map.of("SCENELIFT_NOTE", "x".repeat(31 * 1024)));
    RunManifest m = manifest(real.subList(0, 20), OptionalInt.empty());
    try (AwsBatchEngine engine = engine()) {
      assertThatThrownBy(() -> fat.submit(m, manifestAt(m), engine))
          .isInstanceOf(BatchSubmitException.class)
          .hasMessageContaining("AWS Batch accepts less than 30720");
    }
    assertThat(api.totalRequests()).isZero();
  }

  @Test
  void callsArePacedByTheRateLimit() {
    api.wireMock()
        .stubFor(post(urlEqualTo("/v1/describejobs")).willReturn(BatchApiServer.json(200, "{\"jobs\":[]}")));
    BatchCallPolicy tenPerSecond = new BatchCallPolicy(10, 1, Duration.ofMillis(10), Duration.ofMillis(20));
    try (AwsBatchEngine engine = new AwsBatchEngine(api.client(), true, api.config(), tenPerSecond)) {
      engine.describe(List.of("warm-up"));
      long started = System.nanoTime();
      for (int i = 0; i < 11; i++) {
        engine.describe(List.of("j" + i));
      }
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }
  }

  private static JsonNode tree(String json) {
    try {
      return Json.mapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Map<String, String> env(JsonNode body) {
    Map<String, String> out = new java.util.TreeMap<>();
    body.get("containerOverrides").get("environment").forEach(e -> out.put(e.get("name").asText(), e.get("value").asText()));
    return out;
  }
}
