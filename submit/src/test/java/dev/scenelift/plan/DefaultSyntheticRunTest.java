package dev.scenelift.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scenelift.engine.EntryPoints;
import dev.scenelift.json.Json;
import dev.scenelift.source.Catalogs;
import dev.scenelift.submit.SubmitContext;
import dev.scenelift.submit.SubmitRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The embedded default end to end with the real jobs: the four default synthetic scenes fill the three collections
 * with different sets. The full tile holds all four, the cloud-free set the two clear LC08s, the COG research set
 * ("Landsat 8, no fill, no clouds") only the one with almost no cloud and fill.
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
  void defaultScenesFillTheThreeCollectionsWithDifferentSets() throws Exception {
    Path dataDir = home.resolve("data");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exit = submitRun(out, err).execute("--tile", "h03v03", "--synthetic-size", "64", "--data-dir", dataDir.toString(), "--port",
        "0", "--json");

    assertThat(exit).as(err.toString()).isZero();
    Path store = dataDir.resolve("store/scenelift");
    Map<String, JsonNode> verdicts = new TreeMap<>();
    try (Stream<Path> files = Files.walk(store.resolve("raw/h03v03"))) {
      for (Path f : files.filter(p -> p.getFileName().toString().equals("cloud.json")).toList()) {
        verdicts.put(f.getParent().getFileName().toString(), Json.mapper().readTree(f.toFile()));
      }
    }
    assertThat(verdicts).hasSize(4);
    Set<String> cloudFree = members(verdicts, "cloud-free");
    Set<String> research = members(verdicts, "cog-research");
    assertThat(members(verdicts, "full")).isEqualTo(verdicts.keySet());
    assertThat(cloudFree).hasSize(2).allMatch(id -> id.startsWith("LC08_"));
    assertThat(research).hasSize(1).allMatch(id -> id.startsWith("LC08_"));
    assertThat(cloudFree).containsAll(research);
    assertThat(verdicts.values())
        .filteredOn(v -> v.get("scene").asText().startsWith("LE07_") || v.get("scene").asText().startsWith("LT05_"))
        .extracting(v -> v.get("cloudFree").asBoolean())
        .containsExactly(false, false);

    assertThat(sceneFolders(store.resolve("opt/h03v03"))).isEqualTo(cloudFree);
    assertThat(sceneFolders(store.resolve("cog/h03v03"))).isEqualTo(research);
    JsonNode summary = Json.mapper().readTree(out.toString());
    JsonNode collections = summary.get("collections");
    assertThat(collections).extracting(c -> c.get("collection").asText())
        .containsExactly("full", "cloud-free", "cog-research");
    assertThat(collections).extracting(c -> c.get("scenes").asInt()).containsExactly(4, 2, 1);
    assertThat(collections.get(2).get("rule").asText()).isEqualTo("LC08; cloud ≤ 1%, fill ≤ 5%");
    for (JsonNode c : collections) {
      assertThat(Path.of(java.net.URI.create(c.get("mapFile").asText()))).as(c.get("collection") + " map").isRegularFile();
      for (String page : new String[] {"thumbIndexFile", "listingFile"}) {
        Path file = Path.of(java.net.URI.create(c.get(page).asText()));
        assertThat(file).as(c.get("collection") + " " + page).isRegularFile();
        String html = Files.readString(file);
        for (JsonNode other : collections) { // every page links to every collection's pages
          assertThat(html).contains("data-collection=\"" + other.get("collection").asText() + "\"");
        }
      }
    }
    assertThat(Files.readString(Path.of(java.net.URI.create(collections.get(2).get("thumbIndexFile").asText()))))
        .contains(research.iterator().next())
        .doesNotContain(cloudFree.stream().filter(id -> !research.contains(id)).findFirst().orElseThrow());
    JsonNode stages = summary.get("stages");
    JsonNode cog = stages.get(2);
    assertThat(cog.get("stage").asText()).isEqualTo("cog-convert");
    assertThat(cog.get("done").asInt()).as(cog.toString()).isEqualTo(1);
    assertThat(cog.get("excluded").asInt()).as(cog.toString()).isEqualTo(3);
    try (Stream<Path> items = Files.walk(store.resolve("cog/h03v03"))) {
      assertThat(items.map(p -> p.getFileName().toString()))
          .filteredOn(n -> n.endsWith("_stac-item.json"))
          .singleElement()
          .isEqualTo(research.iterator().next() + "_stac-item.json");
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

  private static Set<String> members(Map<String, JsonNode> verdicts, String collection) {
    Set<String> out = new TreeSet<>();
    verdicts.forEach(
        (id, v) -> {
          if (v.get("collections").get(collection).get("member").asBoolean()) {
            out.add(id);
          }
        });
    return out;
  }

  /** The scene folders under a collection's tile folder (not thumbs/). */
  private static Set<String> sceneFolders(Path tileDir) throws Exception {
    try (Stream<Path> dirs = Files.list(tileDir)) {
      return dirs.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("L"))
          .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }
  }
}
