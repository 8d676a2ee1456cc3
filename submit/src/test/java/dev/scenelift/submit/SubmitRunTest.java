package dev.scenelift.submit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scenelift.job.ExitCodes;
import dev.scenelift.json.Json;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Tile;
import dev.scenelift.source.SourceUnavailableException;
import dev.scenelift.submit.InProcessSubmitRun.Result;
import dev.scenelift.testjobs.ListedCatalog;
import dev.scenelift.testjobs.TestJobs;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SubmitRunTest {
  private static final Tile TILE = Tile.parse("h03v03");

  @TempDir Path home;

  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final ListedCatalog catalog = new ListedCatalog(ListedCatalog.scenes(TILE, 5));

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  /** What one invocation printed and returned. */

  /**
   * The help is the spec. After an intended change, regenerate the golden file with {@code mvn -pl submit -am test
   * -Dtest=SubmitRunTest#helpMatchesTheGoldenFile -Dsurefire.failIfNoSpecifiedTests=false
   * "-Dsurefire.heap=-Xmx1g -Dscenelift.golden.update=true"} and review the diff.
   */
  @Test
  void helpMatchesTheGoldenFile() throws IOException {
    Result r = run(Map.of(), "--help");
    assertThat(r.exit()).isZero();
    if (Boolean.getBoolean("scenelift.golden.update")) {
      Files.writeString(Path.of("src/test/resources/dev/scenelift/submit/submit-run-help.txt"), r.out());
    }
    assertThat(r.out()).isEqualTo(golden("submit-run-help.txt"));
  }

  @Test
  void helpDescribesEveryOptionWithItsDefaultAndListsTheExitCodes() {
    CommandLine cmd = SubmitRun.commandLine(context(Map.of()));
    for (CommandLine.Model.OptionSpec option : cmd.getCommandSpec().options()) {
      String text = String.join(" ", option.description());
      assertThat(text).as(option.longestName()).isNotBlank();
      if (!option.usageHelp() && option.arity().max() > 0 && !option.longestName().equals("--tile")) {
        assertThat(text).as(option.longestName()).contains("Default:");
      }
    }
    String help = run(Map.of(), "--help").out();
    assertThat(help).contains("Exit codes:", "  0 ", "  1 ", "  2 ");
  }

  @Test
  void dryRunPrintsThePlanAndTouchesNothing() {
    Path dataDir = home.resolve("data");
    Result r = run(Map.of(), "--tile", "h03v03", "--scenes-per-task", "2", "--dry-run", "--data-dir", dataDir.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("dry run: nothing started, nothing written")
        .contains("scenes     5, 20.0 MB expected")
        .contains("tasks      3 of 2 scene(s), the last of 1")
        .containsPattern("fetch-scene +array of 3")
        .containsPattern("cloud-filter +array of 3 +after N_TO_N on fetch-scene")
        .containsPattern("cog-convert +array of 3 +after N_TO_N on cloud-filter")
        .containsPattern("index-build +single job +after WHOLE on cog-convert")
        .containsPattern("Full tile: +s3://scenelift/raw/h03v03/ +every scene")
        .containsPattern("Cloud-free: +s3://scenelift/opt/h03v03/ +every sensor; cloud ≤ 10%")
        .containsPattern("COG research set: +s3://scenelift/cog/h03v03/ +LC08; cloud ≤ 1%, fill ≤ 5%")
        .contains(catalog.list(TILE).get(4).id().toString());
    assertThat(run(Map.of(), "--tile", "h03v03", "--dry-run", "--cog-max-fill", "0", "--promote", "none").out())
        .containsPattern("COG research set: .* LC08; cloud ≤ 1%, fill ≤ 0%")
        .contains("cloud ≤ 10% (--promote none: nothing is copied)");
    assertThat(dataDir).doesNotExist();
    assertThat(home).isEmptyDirectory();
  }

  @Test
  void dryRunJsonIsOneJsonDocumentAndNothingElse() throws Exception {
    Result r = run(Map.of(), "--tile", "h03v03", "--dry-run", "--json");
    assertThat(r.exit()).isZero();
    JsonNode plan = Json.mapper().readTree(r.out());
    assertThat(plan.get("scenes").asInt()).isEqualTo(5);
    assertThat(plan.get("tasks").asInt()).isEqualTo(5);
    assertThat(plan.get("bytesExpected").asLong()).isEqualTo(5 * 4 * ListedCatalog.BUNDLE_BYTES);
    assertThat(plan.get("jobs")).hasSize(4);
    assertThat(plan.get("jobs").get(3).get("dependsOn").get(0).get("type").asText()).isEqualTo("WHOLE");
    assertThat(home).isEmptyDirectory();
  }

  @Test
  void missingTileIsAOneLineUsageError() {
    Result r = run(Map.of());
    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines()).singleElement().asString().contains("--tile");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void badValuesAreOneLineUsageErrorsNamingTheValue() {
    for (String[] args :
        List.of(
            new String[] {"--tile", "h99v03"},
            new String[] {"--tile", "h03v03", "--since", "2013-13-01"},
            new String[] {"--tile", "h03v03", "--sensors", "LX09"},
            new String[] {"--tile", "h03v03", "--request-payer", "owner"},
            new String[] {"--tile", "h03v03", "--public-url", "s3://scenelift/cog/"},
            new String[] {"--tile", "h03v03", "--limit", "0"},
            new String[] {"--tile", "h03v03", "--cog-max-cloud", "120"},
            new String[] {"--tile", "h03v03", "--cog-sensors", "LC07"},
            new String[] {"--tile", "h03v03", "--promote", "move"},
            new String[] {"--tile", "h03v03", "--layout", "buckets"},
            new String[] {"--tile", "h03v03", "--no-such-option"})) {
      Result r = run(Map.of(), args);
      assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err().lines()).as(String.join(" ", args)).singleElement().asString().startsWith("submit-run: ");
    }
    assertThat(run(Map.of(), "--tile", "h99v03").err()).contains("'h99v03'", "outside the CONUS ARD grid");
    assertThat(run(Map.of(), "--tile", "h03v03", "--sensors", "LX09").err()).contains("LX09");
    assertThat(run(Map.of(), "--tile", "h03v03", "--cog-max-cloud", "120").err())
        .contains("--cog-max-cloud must be a percentage in [0, 100], got 120");
    assertThat(run(Map.of(), "--tile", "h03v03", "--layout", "buckets").err()).contains("--layout buckets is for AWS");
  }

  @Test
  void collectionRulesAndPromotionGoIntoTheManifestForTheJobs() throws Exception {
    Path dataDir = home.resolve("data");
    Result r =
        run(Map.of(), "--tile", "h03v03", "--data-dir", dataDir.toString(), "--port", "0", "--json", "--limit", "1",
            "--cog-sensors", "LC08,LC09", "--cloud-free-max-cloud", "20.5", "--promote", "none");
    assertThat(r.exit()).as(r.err()).isZero();
    String runId = Json.mapper().readTree(r.out()).get("runId").asText();
    JsonNode options =
        Json.mapper().readTree(dataDir.resolve("store/scenelift/runs").resolve(runId).resolve("manifest.json").toFile())
            .get("options");
    assertThat(options.get("cog-sensors").asText()).isEqualTo("LC08,LC09");
    assertThat(options.get("cloud-free-max-cloud").asText()).isEqualTo("20.5");
    assertThat(options.get("cog-max-fill").asText()).as("defaults are recorded too").isEqualTo("5");
    assertThat(options.get("promote").asText()).isEqualTo("none");
  }

  @Test
  void requesterIsTheRequestPayerTheOptionTakes() {
    Result r = run(Map.of(), "--tile", "h03v03", "--request-payer", "requester", "--dry-run", "--synthetic-size", "64");
    assertThat(r.err()).doesNotContain("is not a request payer");
    assertThat(r.exit()).as(r.err()).isZero();
  }

  @Test
  void awsEngineWithoutARawBucketIsAUsageErrorNamingWhatIsMissing() {
    Result r = run(Map.of(), "--tile", "h03v03", "--engine", "aws", "--dry-run");
    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines()).singleElement().asString().contains("--engine aws", "raw bucket");
    assertThat(home).isEmptyDirectory();
  }

  @Test
  void embeddedRunFinishesEveryStageAndLeavesOutputsAsFilesInTheStore() throws Exception {
    Path dataDir = home.resolve("data");
    Result r = run(Map.of(), "--tile", "h03v03", "--data-dir", dataDir.toString(), "--port", "0", "--json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode summary = Json.mapper().readTree(r.out());
    for (JsonNode stage : summary.get("stages")) {
      assertThat(stage.get("jobStatus").asText()).as(stage.toString()).isEqualTo("SUCCEEDED");
    }
    JsonNode fetch = summary.get("stages").get(0);
    assertThat(fetch.get("done").asInt()).isEqualTo(5);
    assertThat(fetch.get("skipped").asInt()).isZero();
    assertThat(fetch.get("bytes").asLong()).isEqualTo(5L * 1000);
    assertThat(fetch.get("s3Prefix").asText()).isEqualTo("s3://scenelift/raw/h03v03/");
    SceneEntry first = catalog.list(TILE).get(0);
    Path sceneDir = dataDir.resolve("store/scenelift/raw/h03v03").resolve(first.id().toString());
    assertThat(sceneDir.resolve("_scenelift/fetch-scene.done.json")).isRegularFile();
    assertThat(sceneDir.resolve("fetch-scene.out")).isRegularFile();
    assertThat(dataDir.resolve("store/scenelift/cog/h03v03").resolve(first.id().toString())
        .resolve("_scenelift/cog-convert.done.json")).isRegularFile();
    String runId = summary.get("runId").asText();
    assertThat(dataDir.resolve("store/scenelift/runs").resolve(runId).resolve("manifest.json")).isRegularFile();
    assertThat(dataDir.resolve("logs").resolve(runId)).isDirectory();
    assertThat(r.err()).contains("fetch-scene  5/5 tasks finished");
  }

  @Test
  void rerunSkipsScenesFinishedByTheEarlierRunAndForceRedoesThem() throws Exception {
    String dataDir = home.resolve("data").toString();
    assertThat(run(Map.of(), "--tile", "h03v03", "--data-dir", dataDir, "--port", "0", "--limit", "2").exit()).isZero();
    Result again = run(Map.of(), "--tile", "h03v03", "--data-dir", dataDir, "--port", "0", "--limit", "3");
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out()).containsPattern("fetch-scene +succeeded +1 +2 +0 +0 +0");
    Result forced = run(Map.of(), "--tile", "h03v03", "--data-dir", dataDir, "--port", "0", "--limit", "3", "--force");
    assertThat(forced.out()).containsPattern("fetch-scene +succeeded +3 +0 +0 +0 +0");
  }

  @Test
  void failedSceneExitsOneWithOneLineNamingTheSceneAndTheCause() throws Exception {
    SceneEntry bad = catalog.list(TILE).get(1);
    Result r =
        run(Map.of("SCRIPT_FAIL_SCENES", "cog-convert:" + bad.id()),
            "--tile", "h03v03", "--data-dir", home.resolve("data").toString(), "--port", "0");
    assertThat(r.exit()).isEqualTo(ExitCodes.SCENES_FAILED);
    assertThat(r.err().lines().filter(l -> l.startsWith("LC08")))
        .containsExactly(bad.id() + " cog-convert: scripted failure of " + bad.id());
    assertThat(r.out()).containsPattern("cog-convert +succeeded +4 +0 +1 +0 +0");
    assertThat(r.out()).as("a failed scene is data: index-build still runs").containsPattern("index-build +succeeded");
  }

  @Test
  void stageWithoutAnEntryPointFailsTheRunNamingIt() throws Exception {
    Path dataDir = home.resolve("data");
    SubmitContext withoutCog =
        new SubmitContext(Map.of(), home, false, executor, () -> TestJobs.without(dev.scenelift.scene.Stage.COG),
            (source, options) -> catalog, Clock.systemUTC(), Duration.ofMillis(20));
    Result r = run(withoutCog, "--tile", "h03v03", "--data-dir", dataDir.toString(), "--port", "0", "--limit", "1");
    assertThat(r.exit()).isEqualTo(ExitCodes.SCENES_FAILED);
    assertThat(r.err()).contains("cog-convert: not processed", "no job entry point is registered for stage cog-convert");
  }

  @Test
  void unreachableSourceExitsThreeWithOneLineNamingIt() {
    SubmitContext unreachable =
        new SubmitContext(Map.of(), home, false, executor, TestJobs::all,
            (source, options) -> tile -> {
              throw new SourceUnavailableException(URI.create("https://example.invalid/h03v03/"), "connection refused",
                  null);
            },
            Clock.systemUTC(), Duration.ofMillis(20));
    Result r = run(unreachable, "--tile", "h03v03", "--source", "https://example.invalid/h03v03/", "--dry-run");
    assertThat(r.exit()).isEqualTo(ExitCodes.INFRASTRUCTURE);
    assertThat(r.err().lines()).singleElement().asString()
        .isEqualTo("submit-run: cannot read https://example.invalid/h03v03/: connection refused");
    assertThat(home).isEmptyDirectory();
  }

  @Test
  void malformedSourceIsAUsageError() {
    SubmitContext rejecting =
        new SubmitContext(Map.of(), home, false, executor, TestJobs::all,
            (source, options) -> {
              throw new IllegalArgumentException("--source " + source + ": unsupported");
            },
            Clock.systemUTC(), Duration.ofMillis(20));
    Result r = run(rejecting, "--tile", "h03v03", "--source", "ftp://x/", "--dry-run");
    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--source ftp://x/: unsupported");
  }

  private Result run(Map<String, String> env, String... args) {
    return run(context(env), args);
  }

  private Result run(SubmitContext context, String... args) {
    return InProcessSubmitRun.execute(context, args);
  }

  private SubmitContext context(Map<String, String> env) {
    return new SubmitContext(
        env, home, false, executor, TestJobs::all, (source, options) -> catalog, Clock.systemUTC(),
        Duration.ofMillis(20));
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = SubmitRunTest.class.getResourceAsStream(name)) {
      assertThat(in).as("golden file " + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
