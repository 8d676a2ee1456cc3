package dev.scenelift.runs;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.scenelift.batch.aws.AwsBatchEngine;
import dev.scenelift.batch.aws.BatchApiServer;
import dev.scenelift.batch.aws.BatchCallPolicy;
import dev.scenelift.batch.aws.DryRunEngine;
import dev.scenelift.batch.aws.RealTileList;
import dev.scenelift.json.Json;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import dev.scenelift.marker.CompletionMarker;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.marker.FailureRecord;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.marker.MarkerStore;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.testing.S3TestSupport;
import dev.scenelift.collection.Membership;
import dev.scenelift.verdict.CloudVerdict;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.s3.S3Client;

class RunCommandsTest {
  private static final BatchCallPolicy FAST = new BatchCallPolicy(50, 3, Duration.ofMillis(10), Duration.ofMillis(50));
  private static final Instant NOW = Instant.parse("2026-11-24T06:30:00Z");

  private static BatchApiServer api;
  private static EmbeddedS3Store store;
  private static S3Client s3;
  private static List<SceneEntry> real;
  private static dev.scenelift.testing.ElasticMq mq;

  @TempDir Path dir;
  private Path config;
  private String run;
  private RunManifest manifest;

  @BeforeAll
  static void start() throws Exception {
    api = new BatchApiServer();
    store = EmbeddedS3Store.inMemory();
    s3 = S3ClientFactory.create(store.settings());
    for (String b : List.of("scenelift-raw", "scenelift-opt", "scenelift-cog", "scenelift-runs")) {
      s3.createBucket(x -> x.bucket(b));
    }
    real = RealTileList.scenes().subList(0, 20);
    mq = dev.scenelift.testing.ElasticMq.start();
  }

  @AfterAll
  static void stop() throws Exception {
    mq.close();
    s3.close();
    store.close();
    api.close();
  }

  @BeforeEach
  void submitRun() throws Exception {
    api.defaults();
    for (String b : List.of("scenelift-raw", "scenelift-cog")) {
      for (String key : S3TestSupport.keys(s3, b, "")) {
        s3.deleteObject(x -> x.bucket(b).key(key));
      }
    }
    run = "h03v03-20261124t0600-" + Long.toHexString(System.nanoTime() & 0xffff);
    config = dir.resolve("terraform-output.json");
    Files.writeString(
        config,
        "{\"region\":{\"sensitive\":false,\"type\":\"string\",\"value\":\"us-east-1\"},"
            + "\"job_queue\":{\"sensitive\":false,\"type\":\"string\",\"value\":\"scenelift-queue\"},"
            + "\"raw_bucket\":{\"sensitive\":false,\"type\":\"string\",\"value\":\"scenelift-raw\"},"
            + "\"opt_bucket\":{\"sensitive\":false,\"type\":\"string\",\"value\":\"scenelift-opt\"},"
            + "\"cog_bucket\":{\"sensitive\":false,\"type\":\"string\",\"value\":\"scenelift-cog\"},"
            + "\"runs_bucket\":{\"sensitive\":false,\"type\":\"string\",\"value\":\"scenelift-runs\"},"
            + "\"batch_endpoint\":{\"sensitive\":false,\"type\":\"string\",\"value\":\""
            + api.endpoint()
            + "\"}}");
    manifest = RealTileList.manifest(run, api.config().layout(), real, OptionalInt.of(5));
    try (RunEnvironment env = open(api.config())) {
      new StageChain(Optional.empty(), Map.of()).launcher().launch(manifest, env);
    }
    api.defaults();
    MarkerStore markers = new MarkerStore(s3, manifest.layout());
    for (int i = 0; i < 10; i++) {
      for (Stage stage : List.of(Stage.FETCH, Stage.FILTER, Stage.COG)) {
        markers.markDone(marker(id(i), stage));
      }
    }
    markers.markFailed(new FailureRecord(id(10), Stage.FETCH, run, "md5-mismatch", "SR bundle md5 differs", 3, NOW));
    markers.markDone(marker(id(11), Stage.FETCH));
    markers.markDone(marker(id(11), Stage.FILTER));
    S3TestSupport.putString(
        s3,
        manifest.layout().cloudVerdict(id(11)),
        Json.write(
            new CloudVerdict(id(11), false, "cloud 63.0% > 20%", Map.of(), Map.of("cloud", 63.0), Map.of(), Map.of(), run,
                NOW)));
    // cloud-free, but outside the COG research set the run converts: finished, not pending
    markers.markDone(marker(id(13), Stage.FETCH));
    markers.markDone(marker(id(13), Stage.FILTER));
    S3TestSupport.putString(
        s3,
        manifest.layout().cloudVerdict(id(13)),
        Json.write(
            new CloudVerdict(id(13), true, "cloud 4.0% <= 10%",
                Map.of("cloud-free", new Membership(true, "cloud 4.0% <= 10%"),
                    "cog-research", new Membership(false, "cloud 4.0% > 1%")),
                Map.of("cloud", 4.0), Map.of(), Map.of(), run, NOW)));
    markers.markDone(marker(id(12), Stage.FETCH));
    markers.markDone(marker(id(12), Stage.FILTER));
    markers.markFailed(new FailureRecord(id(12), Stage.COG, run, "gdal", "COG validation failed", 1, NOW));
  }

  private RunEnvironment open(dev.scenelift.batch.aws.AwsRunConfig config) {
    return RunEnvironment.of(
        new AwsBatchEngine(api.client(), true, config, FAST), s3, config.layout(), Optional.empty(), Optional.empty(), List.of());
  }

  private SceneId id(int i) {
    return real.get(i).id();
  }

  private CompletionMarker marker(SceneId scene, Stage stage) {
    return new CompletionMarker(scene, stage, run, List.of(), Map.of(), "test", NOW, NOW, 1, "test", Map.of());
  }

  private void stubDescribe(String scenario, String state, String nextState, String fetch, String filter, String cog, String index) {
    String body =
        "{\"jobs\":["
            + job("fetch-scene", fetch)
            + ","
            + job("cloud-filter", filter)
            + ","
            + job("cog-convert", cog)
            + ","
            + job("index-build", index)
            + "]}";
    var stub = post(urlEqualTo("/v1/describejobs")).inScenario(scenario).whenScenarioStateIs(state);
    if (nextState != null) {
      stub = stub.willSetStateTo(nextState);
    }
    api.wireMock().stubFor(stub.willReturn(BatchApiServer.json(200, body)));
  }

  /** {@code statusAndSummary} is {@code STATUS} or {@code STATUS|SUCCEEDED:3,RUNNING:1}. */
  private String job(String stage, String statusAndSummary) {
    String[] parts = statusAndSummary.split("\\|");
    String array = "";
    if (parts.length > 1) {
      StringBuilder summary = new StringBuilder();
      for (String kv : parts[1].split(",")) {
        String[] p = kv.split(":");
        summary.append(summary.length() == 0 ? "" : ",").append('"').append(p[0]).append("\":").append(p[1]);
      }
      array = ",\"arrayProperties\":{\"size\":4,\"statusSummary\":{" + summary + "}}";
    }
    return "{\"jobId\":\"id-scenelift-"
        + run
        + "-"
        + stage
        + "\",\"jobName\":\"scenelift-"
        + run
        + "-"
        + stage
        + "\",\"jobQueue\":\"q\",\"jobDefinition\":\"d\",\"startedAt\":1,\"status\":\""
        + parts[0]
        + "\""
        + array
        + "}";
  }

  private record Result(int code, String out, String err) {}

  private Result execute(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void statusAggregatesArrayCountsAndSceneOutcomes() {
    stubDescribe(
        Scenario.STARTED, Scenario.STARTED, null,
        "SUCCEEDED|SUCCEEDED:4", "RUNNING|SUCCEEDED:3,RUNNING:1", "RUNNING|SUCCEEDED:2,RUNNABLE:1,PENDING:1", "PENDING");
    Result r = execute(new StatusCommand(this::open, Map.of()), run, "--config", config.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .contains("run " + run + " (tile h03v03, 20 scenes)")
        .containsPattern("fetch-scene +SUCCEEDED +4 tasks: SUCCEEDED 4")
        .containsPattern("cloud-filter +RUNNING +4 tasks: RUNNING 1, SUCCEEDED 3")
        .containsPattern("cog-convert +RUNNING +4 tasks: PENDING 1, RUNNABLE 1, SUCCEEDED 2")
        .containsPattern("index-build +PENDING +plain job: PENDING 1")
        .contains("scenes: 10 succeeded, 2 excluded (outside the COG selection), 2 failed, 6 pending")
        .containsPattern(id(10) + " +FAILED +fetch-scene +md5-mismatch: SR bundle md5 differs")
        .containsPattern(id(12) + " +FAILED +cog-convert +gdal: COG validation failed");
    assertThat(api.requests("describejobs")).hasSize(1);
  }

  @Test
  void statusAsJsonCarriesCountsAndOutcomes() throws Exception {
    stubDescribe(
        Scenario.STARTED, Scenario.STARTED, null,
        "SUCCEEDED|SUCCEEDED:4", "SUCCEEDED|SUCCEEDED:4", "FAILED|SUCCEEDED:3,FAILED:1", "FAILED");
    Result r = execute(new StatusCommand(this::open, Map.of()), run, "--json", "--config", config.toString());
    JsonNode json = Json.mapper().readTree(r.out());
    assertThat(json.get("runId").asText()).isEqualTo(run);
    assertThat(json.get("jobsEnded").asBoolean()).isTrue();
    assertThat(json.get("sceneCounts").get("SUCCEEDED").asInt()).isEqualTo(10);
    assertThat(json.get("sceneCounts").get("EXCLUDED").asInt()).isEqualTo(2);
    assertThat(json.get("sceneCounts").get("FAILED").asInt()).isEqualTo(2);
    assertThat(json.get("stages").get(2).get("counts").get("FAILED").asInt()).isEqualTo(1);
    assertThat(json.get("scenes").get(11).get("state").asText()).isEqualTo("EXCLUDED");
    assertThat(json.get("scenes").get(11).get("detail").asText()).isEqualTo("cloud 63.0% > 20%");
    assertThat(json.get("scenes").get(13).get("state").asText()).isEqualTo("EXCLUDED");
    assertThat(json.get("scenes").get(13).get("detail").asText()).isEqualTo("cloud 4.0% > 1%");
  }

  @Test
  void watchFollowsScriptedDescribeJobsUntilTheRunEnds() {
    stubDescribe("watch", Scenario.STARTED, "second", "RUNNING|RUNNING:4", "PENDING|PENDING:4", "PENDING|PENDING:4", "PENDING");
    stubDescribe("watch", "second", "third", "SUCCEEDED|SUCCEEDED:4", "RUNNING|SUCCEEDED:2,RUNNING:2", "RUNNING|RUNNING:2,PENDING:2", "PENDING");
    stubDescribe("watch", "third", null, "SUCCEEDED|SUCCEEDED:4", "SUCCEEDED|SUCCEEDED:4", "SUCCEEDED|SUCCEEDED:3,FAILED:1", "FAILED");
    Result r =
        execute(new WatchCommand(this::open, Map.of()), run, "--poll", "0.05", "--max-poll", "0.1", "--config", config.toString());
    assertThat(api.requests("describejobs")).hasSizeGreaterThanOrEqualTo(3);
    assertThat(r.out()).contains("fetch-scene").contains("cog-convert").contains("scenes: 10 succeeded");
    assertThat(r.code()).isEqualTo(1);
  }

  @Test
  void watchExitsZeroWhenEverySceneFinished() {
    MarkerStore markers = new MarkerStore(s3, manifest.layout());
    for (int i = 10; i < 20; i++) {
      if (i != 11) {
        for (Stage stage : List.of(Stage.FETCH, Stage.FILTER, Stage.COG)) {
          markers.markDone(marker(id(i), stage));
        }
      }
    }
    stubDescribe(Scenario.STARTED, Scenario.STARTED, null, "SUCCEEDED|SUCCEEDED:4", "SUCCEEDED|SUCCEEDED:4", "SUCCEEDED|SUCCEEDED:4", "SUCCEEDED");
    Result r = execute(new WatchCommand(this::open, Map.of()), run, "--poll", "0.05", "--config", config.toString());
    assertThat(r.out()).contains("scenes: 19 succeeded, 1 excluded (outside the COG selection), 0 failed, 0 pending");
    assertThat(r.code()).isZero();
  }

  @Test
  void retryStartsNewRunOverFailedAndUnfinishedScenesOnly() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    RunLauncher launcher = new StageChain(Optional.empty(), Map.of()).launcher();
    java.net.URI events = java.net.URI.create("https://sqs.us-east-1.amazonaws.com/123456789012/scenelift-events");
    RunEnvironment.Opener withEvents =
        c ->
            RunEnvironment.of(
                new AwsBatchEngine(api.client(), true, c, FAST), s3, c.layout(), Optional.of(events), Optional.empty(), List.of());
    Result r = execute(new RetryCommand(withEvents, launcher, Map.of(), clock), run, "--config", config.toString());
    assertThat(r.code()).as(r.err()).isZero();
    String newRun = r.out().strip().lines().reduce((a, b) -> b).orElseThrow();
    assertThat(newRun).startsWith("h03v03-20261124t0630-").isNotEqualTo(run);
    assertThat(r.out()).as("scene 13 is finished: cloud-free, outside the COG set").contains("8 scenes (2 failed, 6 unfinished)");
    KeyLayout layout = api.config().layout();
    RunManifest retried = new ManifestStore(s3).read(layout.manifest(newRun));
    assertThat(retried.scenes()).extracting(SceneEntry::id).containsExactlyElementsOf(
        List.of(id(10), id(12), id(14), id(15), id(16), id(17), id(18), id(19)));
    assertThat(retried.option(RetryCommand.RETRY_OF, "")).isEqualTo(run);
    assertThat(retried.scenes().get(0).bundles()).isEqualTo(real.get(10).bundles());
    assertThat(api.requests("submitjob")).hasSize(4);
    assertThat(BatchApiServer.body(api.requests("submitjob").get(0)).get("jobName").asText())
        .isEqualTo("scenelift-" + newRun + "-fetch-scene");
    assertThat(new RunJobsStore(s3, layout).read(newRun).orElseThrow().jobs()).hasSize(4);
    assertThat(BatchApiServer.body(api.requests("submitjob").get(3)).get("containerOverrides").get("environment").toString())
        .contains("{\"name\":\"SCENELIFT_EVENTS_QUEUE\",\"value\":\"" + events + "\"}");
  }

  @Test
  void statusOfUnknownRunIsOneLineUsageError() {
    Result r = execute(new StatusCommand(this::open, Map.of()), "h03v03-nope", "--config", config.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").startsWith("submit-run: unknown run h03v03-nope: no manifest at");
  }

  @Test
  void resubmittingARecordedRunMakesNoEngineCall() {
    try (RunEnvironment env = open(api.config())) {
      List<String> ids = new StageChain(Optional.empty(), Map.of()).launcher().launch(manifest, env);
      assertThat(ids).hasSize(4).allSatisfy(id -> assertThat(id).startsWith("id-scenelift-" + run));
    }
    assertThat(api.totalRequests()).isZero();
  }

  @Test
  void statusWorksWithAnEngineOtherThanAws() {
    RunEnvironment.Opener dry =
        config -> RunEnvironment.of(new DryRunEngine(config), s3, config.layout(), Optional.empty(), Optional.empty(), List.of());
    Result r = execute(new StatusCommand(dry, Map.of()), run, "--config", config.toString());
    assertThat(r.out()).containsPattern("fetch-scene +SUBMITTED").contains("scenes: 10 succeeded");
    assertThat(api.totalRequests()).isZero();
  }

  @Test
  void watchWakesOnTheEventsOfItsRunAndLeavesOthers() {
    var sqs = mq.client();
    java.net.URI queue = mq.createQueue(sqs, "events-" + run);
    dev.scenelift.job.JobConfig mine =
        dev.scenelift.job.JobConfig.fromEnv(
            Map.of("SCENELIFT_RUN_ID", run, "SCENELIFT_MANIFEST", manifest.layout().manifest(run).toString()));
    dev.scenelift.job.JobConfig other =
        dev.scenelift.job.JobConfig.fromEnv(
            Map.of("SCENELIFT_RUN_ID", "someone-else", "SCENELIFT_MANIFEST", "s3://scenelift-runs/runs/x/manifest.json"));
    try (var events =
        new dev.scenelift.event.SqsEventPublisher(
            sqs, false, queue, dev.scenelift.event.SqsEventPublisher.Retry.defaults())) {
      events.publish(dev.scenelift.event.SceneEvent.succeeded(mine, Stage.FETCH, id(13), 5, Duration.ofSeconds(1)));
      events.publish(dev.scenelift.event.SceneEvent.succeeded(mine, Stage.FETCH, id(14), 5, Duration.ofSeconds(1)));
      events.publish(dev.scenelift.event.SceneEvent.succeeded(other, Stage.FETCH, id(15), 5, Duration.ofSeconds(1)));
    }
    stubDescribe("events", Scenario.STARTED, "done", "RUNNING|RUNNING:2,SUCCEEDED:2", "PENDING|PENDING:4", "PENDING|PENDING:4", "PENDING");
    stubDescribe("events", "done", null, "SUCCEEDED|SUCCEEDED:4", "SUCCEEDED|SUCCEEDED:4", "SUCCEEDED|SUCCEEDED:4", "SUCCEEDED");
    RunEnvironment.Opener withEvents =
        config ->
            RunEnvironment.of(
                new AwsBatchEngine(api.client(), true, config, FAST),
                s3,
                config.layout(),
                Optional.of(queue),
                Optional.of(sqs),
                List.of());
    Result r =
        execute(new WatchCommand(withEvents, Map.of()), run, "--poll", "0.05", "--max-poll", "30", "--config", config.toString());
    assertThat(r.out()).contains("events of this run on " + queue + ": {scene.fetched=2}");
    var left = dev.scenelift.testing.ElasticMq.drain(sqs, queue, Duration.ofSeconds(2));
    assertThat(left).hasSize(1);
    assertThat(left.get(0).body()).contains("someone-else");
    sqs.close();
  }
}
