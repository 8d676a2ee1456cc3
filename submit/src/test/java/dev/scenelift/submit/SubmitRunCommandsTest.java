package dev.scenelift.submit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.scenelift.catalog.CatalogCloud;
import dev.scenelift.catalog.EarthExplorerCsvReader;
import dev.scenelift.job.ExitCodes;
import dev.scenelift.json.Json;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import dev.scenelift.source.SceneCatalog;
import dev.scenelift.submit.InProcessSubmitRun.Result;
import dev.scenelift.testing.SharedData;
import dev.scenelift.testjobs.ListedCatalog;
import dev.scenelift.testjobs.TestJobs;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** submit-run's AWS side, its subcommands and the catalog pre-filter, through the command line. */
class SubmitRunCommandsTest {
  private static final Tile TILE = Tile.parse("h03v03");
  private static final Path INFRA_OUTPUT = Path.of("../infra/outputs.example.json");

  @TempDir Path home;

  private final ExecutorService executor = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }


  @Test
  void awsDryRunFromTerraformOutputPrintsTheSubmitJobBodiesAndMakesNoCall() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    HttpServer batch = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    batch.createContext("/", exchange -> {
      calls.incrementAndGet();
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
    });
    batch.start();
    try {
      Result r =
          run(
              new ListedCatalog(ListedCatalog.scenes(TILE, 20)),
              "--tile", "h03v03", "--config", INFRA_OUTPUT.toString(),
              "--batch-endpoint", "http://127.0.0.1:" + batch.getAddress().getPort(),
              "--dry-run", "--json");

      assertThat(r.exit()).as(r.err()).isZero();
      JsonNode plan = Json.mapper().readTree(r.out());
      JsonNode bodies = plan.get("submitJobRequests");
      assertThat(bodies).hasSize(4);
      assertThat(bodies.get(0).get("jobQueue").asText()).isEqualTo("scenelift");
      assertThat(bodies.get(0).get("jobDefinition").asText()).endsWith("job-definition/scenelift-fetch-scene:1");
      assertThat(bodies.get(0).get("jobName").asText()).isEqualTo("scenelift-" + plan.get("runId").asText() + "-fetch-scene");
      assertThat(bodies.get(0).toString()).contains("retryStrategy", "attemptDurationSeconds", "SCENELIFT_MANIFEST");
      assertThat(bodies.get(0).toString()).contains("s3://scenelift-runs-123456789012/");
      assertThat(plan.get("estimate").get("totals").get("spotDollars").isNumber()).isTrue();
      // AWS's default k: 1 MB scenes take far less than the target, so the 20 scenes fit in one plain job
      assertThat(plan.get("tasks").asInt()).isEqualTo(1);
      assertThat(calls.get()).isZero();
      assertThat(home).isEmptyDirectory();
    } finally {
      batch.stop(0);
    }
  }

  @Test
  void awsDryRunTextShowsTheGraphTheEstimateAndTheBodies() {
    Result r =
        run(new ListedCatalog(ListedCatalog.scenes(TILE, 20)), "--tile", "h03v03", "--config",
            INFRA_OUTPUT.toString(), "--engine", "aws", "--scenes-per-task", "4", "--dry-run");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("no AWS call made", "job graph:", "estimate", "SubmitJob requests:")
        .containsPattern("cloud-filter +array 5 +N_TO_N on fetch-scene");
  }

  @Test
  void helpListsTheSubcommands() {
    String help = run(new ListedCatalog(List.of()), "--help").out();
    assertThat(help).contains("Commands (");
    for (String name : RunCommands.names()) {
      assertThat(help).containsPattern("(?m)^ +" + name + " ");
    }
  }

  @Test
  void statusOfAFinishedEmbeddedRunShowsPerStageCountsFromItsRecordedJobs() throws Exception {
    String dataDir = home.resolve("data").toString();
    Result ran =
        run(new ListedCatalog(ListedCatalog.scenes(TILE, 4)), "--tile", "h03v03", "--data-dir", dataDir, "--port",
            "0", "--scenes-per-task", "2", "--json");
    assertThat(ran.exit()).as(ran.err()).isZero();
    String runId = Json.mapper().readTree(ran.out()).get("runId").asText();
    assertThat(home.resolve("data/store/scenelift/runs").resolve(runId).resolve("jobs.json")).isRegularFile();

    Result status = run(new ListedCatalog(List.of()), "status", runId, "--data-dir", dataDir, "--port", "0");

    assertThat(status.exit()).as(status.err()).isZero();
    assertThat(status.out())
        .containsPattern("fetch-scene +SUCCEEDED +2 tasks: SUCCEEDED 2")
        .containsPattern("cog-convert +SUCCEEDED +2 tasks: SUCCEEDED 2")
        .containsPattern("index-build +SUCCEEDED +plain job: SUCCEEDED 1")
        .contains("scenes: 4 succeeded");
  }

  @Test
  void retryOfAnEmbeddedRunRunsOnlyTheFailedSceneToItsEnd() throws Exception {
    String dataDir = home.resolve("data").toString();
    ListedCatalog catalog = new ListedCatalog(ListedCatalog.scenes(TILE, 3));
    SceneId bad = catalog.list(TILE).get(1).id();
    Result failed =
        run(Map.of("SCRIPT_FAIL_SCENES", "cog-convert:" + bad), catalog, "--tile", "h03v03", "--data-dir", dataDir,
            "--port", "0", "--json");
    assertThat(failed.exit()).as(failed.err()).isEqualTo(ExitCodes.SCENES_FAILED);
    String runId = Json.mapper().readTree(failed.out()).get("runId").asText();

    Result retry = run(catalog, "retry", runId, "--data-dir", dataDir, "--port", "0");

    assertThat(retry.exit()).as(retry.err()).isZero();
    assertThat(retry.out()).contains("of " + runId + ": 1 scenes (1 failed");
    String newRun = retry.out().strip().lines().reduce((a, b) -> b).orElseThrow();
    Result status = run(catalog, "status", newRun, "--data-dir", dataDir, "--port", "0", "--scenes");
    assertThat(status.exit()).as(status.out() + status.err()).isZero();
    assertThat(status.out()).contains("scenes: 1 succeeded").contains(bad.toString());
  }

  @Test
  void indexPagesAreTheStoreFilesThatExist() throws Exception {
    Path store = home.resolve("store");
    dev.scenelift.manifest.RunManifest manifest =
        new dev.scenelift.manifest.RunManifest(
            "h03v03-20261124t0600-abcd", TILE, "test:", java.time.Instant.now(), 1,
            dev.scenelift.store.KeyLayout.inBucket("scenelift"), List.of(), Map.of());
    List<dev.scenelift.store.S3Location> pages =
        dev.scenelift.index.IndexPages.of(manifest.layout(), TILE);
    Path thumbs = store.resolve(pages.get(0).bucket()).resolve(pages.get(0).key());
    java.nio.file.Files.createDirectories(thumbs.getParent());
    java.nio.file.Files.writeString(thumbs, "<html></html>");

    assertThat(EmbeddedRun.pages(manifest, store)).containsExactly(thumbs);
  }

  @Test
  void statusOfAnUnknownEmbeddedRunIsAOneLineUsageError() {
    Result r =
        run(new ListedCatalog(List.of()), "status", "h03v03-20261124t0600-dead", "--data-dir",
            home.resolve("data").toString(), "--port", "0");
    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines()).singleElement().asString().contains("h03v03-20261124t0600-dead");
  }

  @Test
  void validateReachesTheEmbeddedStore() {
    Result r =
        run(new ListedCatalog(List.of()), "validate", "s3://scenelift/cog/h03v03/", "--data-dir",
            home.resolve("data").toString(), "--port", "0");
    // the store answered (3 would mean unreachable): an empty prefix is "nothing to validate"
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(home.resolve("data/store/scenelift")).isDirectory();
  }

  @Test
  void serveGivesEachIndexPageAnHttpUrlThatAnswers() throws Exception {
    Path thumbs = home.resolve("data/store/scenelift/raw/h03v03/thumbs");
    java.nio.file.Files.createDirectories(thumbs);
    java.nio.file.Files.writeString(thumbs.resolve("thumbindex.html"), "<html><body>thumbs</body></html>");
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    int httpPort = port;
    java.util.concurrent.Future<Result> serving =
        java.util.concurrent.Executors.newSingleThreadExecutor()
            .submit(
                () ->
                    run(new ListedCatalog(List.of()), "serve", "--tile", "h03v03", "--data-dir",
                        home.resolve("data").toString(), "--port", "0", "--http-port", Integer.toString(httpPort),
                        "--for", "8"));
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    java.net.URI url =
        java.net.URI.create("http://127.0.0.1:" + httpPort + "/scenelift/raw/h03v03/thumbs/thumbindex.html");
    java.net.http.HttpResponse<String> response = null;
    for (int i = 0; i < 60 && response == null; i++) {
      try {
        response = http.send(java.net.http.HttpRequest.newBuilder(url).build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
      } catch (java.io.IOException notYet) {
        Thread.sleep(100);
      }
    }
    assertThat(response).isNotNull();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("thumbs");
    Result r = serving.get(60, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("open: " + url);
  }

  @Test
  void prefilterDryRunWithTheRealEarthExplorerExportPrintsScenesKeptAndBytesSaved() throws Exception {
    Path csv = SharedData.file("h03v03-earthexplorer-metadata.csv");
    Map<SceneId, CatalogCloud> clouds = new EarthExplorerCsvReader().catalogClouds(csv);
    List<SceneEntry> scenes = clouds.keySet().stream().map(ListedCatalog::entry).toList();
    long clear = clouds.values().stream().filter(c -> c.cloudCover() <= 10).count();
    long cloudy = scenes.size() - clear;

    Result r =
        run(new ListedCatalog(scenes), "--tile", "h03v03", "--scene-list", csv.toString(), "--prefilter-max-cloud",
            "10", "--dry-run");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(clear).isPositive().isLessThan(scenes.size());
    assertThat(r.out())
        .contains("kept " + clear + " of " + scenes.size() + " scenes, dropped " + cloudy)
        .contains("catalog h03v03-earthexplorer-metadata.csv: " + clear + " of " + clouds.size()
            + " scenes at or under 10% cloud")
        .contains("(" + cloudy * 4 * ListedCatalog.BUNDLE_BYTES + " bytes)")
        .contains("scenes     " + clear + ",");

    JsonNode json =
        Json.mapper()
            .readTree(
                run(new ListedCatalog(scenes), "--tile", "h03v03", "--scene-list", csv.toString(),
                        "--prefilter-max-cloud", "10", "--dry-run", "--json")
                    .out());
    assertThat(json.get("scenes").asInt()).isEqualTo(clear);
    assertThat(json.get("prefilter").get("bytesSaved").asLong()).isEqualTo(cloudy * 4 * ListedCatalog.BUNDLE_BYTES);
  }

  @Test
  void prefilterWithoutACatalogIsAUsageError() {
    Result r =
        run(new ListedCatalog(ListedCatalog.scenes(TILE, 3)), "--tile", "h03v03", "--prefilter-max-cloud", "10",
            "--dry-run");
    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--prefilter-max-cloud", "--scene-list");
  }

  private Result run(SceneCatalog catalog, String... args) {
    return run(Map.of(), catalog, args);
  }

  private Result run(Map<String, String> env, SceneCatalog catalog, String... args) {
    SubmitContext context =
        new SubmitContext(
            env, home, false, executor, TestJobs::all, (source, options) -> catalog, Clock.systemUTC(),
            Duration.ofMillis(20));
    return InProcessSubmitRun.execute(context, args);
  }
}
