package dev.scenelift.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scenelift.engine.EntryPoints;
import dev.scenelift.json.Json;
import dev.scenelift.scene.Sensor;
import dev.scenelift.source.Catalogs;
import dev.scenelift.submit.SubmitContext;
import dev.scenelift.submit.SubmitRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The embedded default end to end with the real jobs: of the three default synthetic scenes the cloud filter passes the
 * clear one only, so cog-convert and index-build have one scene to work on.
 */
class DefaultSyntheticRunTest {
  @TempDir Path home;

  private final ExecutorService executor = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  /** The jobs the images run, not the test's scripted stand-ins registered beside them. */
  private EntryPoints realJobs() {
    return EntryPoints.load(getClass().getClassLoader(), c -> !c.getName().startsWith("dev.scenelift.testjobs."));
  }

  /** submit-run with the real jobs, printing to {@code out} and {@code err}. */
  private CommandLine submitRun(StringWriter out, StringWriter err) {
    SubmitContext context =
        new SubmitContext(Map.of(), home, false, executor, this::realJobs,
            Catalogs::forSource, Clock.systemUTC(), Duration.ofMillis(50));
    CommandLine cmd = SubmitRun.commandLine(context);
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd;
  }

  @Test
  void defaultScenesGiveOneCloudFreeSceneThatGoesThroughEveryStage() throws Exception {
    Path dataDir = home.resolve("data");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exit = submitRun(out, err).execute("--tile", "h03v03", "--synthetic-size", "64", "--data-dir", dataDir.toString(), "--port",
        "0", "--json");

    assertThat(exit).as(err.toString()).isZero();
    Map<Sensor, JsonNode> verdicts = new HashMap<>();
    try (Stream<Path> files = Files.walk(dataDir.resolve("store/scenelift/raw/h03v03"))) {
      for (Path f : files.filter(p -> p.getFileName().toString().equals("cloud.json")).toList()) {
        verdicts.put(Sensor.parse(f.getParent().getFileName().toString().substring(0, 4)),
            Json.mapper().readTree(f.toFile()));
      }
    }
    assertThat(verdicts).containsOnlyKeys(Sensor.LC08, Sensor.LE07, Sensor.LT05);
    assertThat(verdicts.get(Sensor.LC08).get("cloudFree").asBoolean()).as("clear LC08").isTrue();
    assertThat(verdicts.get(Sensor.LE07).get("cloudFree").asBoolean()).as("partly cloudy LE07").isFalse();
    assertThat(verdicts.get(Sensor.LT05).get("cloudFree").asBoolean()).as("overcast LT05").isFalse();
    JsonNode stages = Json.mapper().readTree(out.toString()).get("stages");
    JsonNode cog = stages.get(2);
    assertThat(cog.get("stage").asText()).isEqualTo("cog-convert");
    assertThat(cog.get("done").asInt()).as(cog.toString()).isEqualTo(1);
    assertThat(cog.get("excluded").asInt()).as(cog.toString()).isEqualTo(2);
    try (Stream<Path> items = Files.walk(dataDir.resolve("store/scenelift/cog/h03v03"))) {
      assertThat(items.map(p -> p.getFileName().toString()))
          .filteredOn(n -> n.endsWith("_stac-item.json"))
          .singleElement().asString().startsWith("LC08_");
    }
  }

  @Test
  void publicUrlReachesIndexBuildWhichWritesAPublishedCatalog() throws Exception {
    Path dataDir = home.resolve("data");
    StringWriter err = new StringWriter();

    int exit = submitRun(new StringWriter(), err).execute("--tile", "h03v03", "--synthetic-size", "32", "--data-dir", dataDir.toString(), "--port",
        "0", "--public-url", "https://scenelift-cog.s3.us-west-2.amazonaws.com/cog");

    assertThat(exit).as(err.toString()).isZero();
    JsonNode catalog = Json.mapper().readTree(dataDir.resolve("store/scenelift/cog/catalog.json").toFile());
    assertThat(catalog.get("links").toString())
        .contains("\"rel\":\"self\",\"href\":\"https://scenelift-cog.s3.us-west-2.amazonaws.com/cog/catalog.json\"")
        .contains("\"href\":\"https://scenelift-cog.s3.us-west-2.amazonaws.com/cog/h03v03/collection.json\"");
  }
}
