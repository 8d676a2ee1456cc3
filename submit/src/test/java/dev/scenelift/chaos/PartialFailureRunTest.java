package dev.scenelift.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scenelift.job.ExitCodes;
import dev.scenelift.json.Json;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import dev.scenelift.submit.InProcessSubmitRun;
import dev.scenelift.submit.InProcessSubmitRun.Result;
import dev.scenelift.synthetic.SyntheticTiles;
import dev.scenelift.testing.TarBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failure contract end to end, as a user meets it: {@code submit-run} over a folder of five scenes of which two
 * are bad (an md5 mismatch, a tar-slip entry), the real jobs on the embedded engine. The bad scenes fail with one line
 * each and a failure record; every stage after them goes on with the good scenes; index-build runs and lists the
 * failed scenes on the tile's pages; submit-run exits 1. A rerun after the bundles are mended finishes them and the
 * pages no longer list them.
 */
class PartialFailureRunTest {
  private static final Tile TILE = Tile.parse("h03v03");

  @TempDir Path home;

  private InProcessSubmitRun submitRun;

  @BeforeEach
  void start() {
    submitRun = new InProcessSubmitRun(home);
  }

  @AfterEach
  void stop() {
    submitRun.close();
  }

  @Test
  void badScenesAreRecordedAndReportedWhileTheRestOfTheTileIsFetchedJudgedConvertedAndIndexed() throws Exception {
    SyntheticTiles.Folder generated = new SyntheticTiles(home.resolve("gen"), 64).ensure(TILE, 5);
    Path source = Files.createDirectories(home.resolve("ard"));
    try (Stream<Path> files = Files.list(generated.dir())) {
      for (Path f : files.filter(p -> !p.getFileName().toString().endsWith(".recipe")).toList()) {
        Files.copy(f, source.resolve(f.getFileName()));
      }
    }
    List<SceneId> scenes = generated.scenes();
    SceneId md5Bad = scenes.get(1);
    SceneId slip = scenes.get(3);
    Path originalSr = Files.copy(source.resolve(md5Bad + "_SR.tar"), home.resolve("SR.orig"));
    Path originalQa = Files.copy(source.resolve(slip + "_QA.tar"), home.resolve("QA.orig"));
    // md5 mismatch: the bundle changed after its md5 was published
    byte[] sr = Files.readAllBytes(source.resolve(md5Bad + "_SR.tar"));
    sr[sr.length / 2] ^= 0x5a;
    Files.write(source.resolve(md5Bad + "_SR.tar"), sr);
    // tar-slip: a well-formed bundle, its md5 published with it, whose entry climbs out of the scene folder
    byte[] evil = new TarBuilder().file("../../" + slip + "_QA_PIXELQA.tif", "x").tar();
    Files.write(source.resolve(slip + "_QA.tar"), evil);
    republishMd5(source, slip + "_QA.tar", TarBuilder.md5(evil));

    Path dataDir = home.resolve("data");
    Result first = run("--tile", "h03v03", "--source", source.toUri().toString(), "--data-dir", dataDir.toString(),
        "--port", "0", "--json");

    assertThat(first.exit()).as(first.err()).isEqualTo(ExitCodes.SCENES_FAILED);
    List<String> failureLines = first.err().lines().filter(l -> l.startsWith("L")).toList();
    assertThat(failureLines).as(first.err()).hasSize(2);
    assertThat(failureLines).anySatisfy(l -> assertThat(l).startsWith(md5Bad + " fetch-scene: ").containsIgnoringCase("md5"));
    assertThat(failureLines).anySatisfy(l -> assertThat(l).startsWith(slip + " fetch-scene: ").contains(".."));
    JsonNode summary = Json.mapper().readTree(first.out());
    for (JsonNode stage : summary.get("stages")) {
      assertThat(stage.get("jobStatus").asText()).as(stage.toString()).isEqualTo("SUCCEEDED");
    }
    JsonNode fetch = summary.get("stages").get(0);
    assertThat(fetch.get("done").asInt()).isEqualTo(3);
    assertThat(fetch.get("failed").asInt()).isEqualTo(2);
    JsonNode filter = summary.get("stages").get(1);
    assertThat(filter.get("done").asInt()).as("cloud-filter judges the three good scenes").isEqualTo(3);
    JsonNode cog = summary.get("stages").get(2);
    assertThat(cog.get("done").asInt() + cog.get("excluded").asInt()).as(cog.toString()).isEqualTo(3);
    assertThat(cog.get("failed").asInt()).as("no second record for a scene fetch failed").isZero();

    Path raw = dataDir.resolve("store/scenelift/raw/h03v03");
    for (SceneId bad : List.of(md5Bad, slip)) {
      try (Stream<Path> left = Files.walk(raw.resolve(bad.toString()))) {
        assertThat(left.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                .filter(n -> !n.equals("AAlist.html"))) // index-build's page of the folder, linking the record
            .as("%s leaves only its failure record", bad)
            .containsExactly("fetch-scene.failed.json");
      }
    }
    assertThat(dataDir.resolve("store/scenelift").resolve(slip + "_QA_PIXELQA.tif")).doesNotExist();
    String thumbIndex = Files.readString(raw.resolve("thumbs/thumbindex.html"));
    assertThat(thumbIndex).contains("Failed scenes (2)", md5Bad.toString(), slip.toString(), "md5-mismatch",
        "unsafe-entry");
    assertThat(Files.readString(dataDir.resolve("store/scenelift/raw/AAlist.html"))).contains("Failed scenes (2)");
    for (SceneId good : scenes) {
      if (!good.equals(md5Bad) && !good.equals(slip)) {
        assertThat(raw.resolve(good + "/_scenelift/cloud-filter.done.json")).isRegularFile();
      }
    }

    SceneId good = scenes.stream().filter(s -> !s.equals(md5Bad) && !s.equals(slip)).findFirst().orElseThrow();
    Path goodThumb = raw.resolve("thumbs/" + good + "_thumb_small.png");
    var thumbWritten = Files.getLastModifiedTime(goodThumb);
    Result again = run("--tile", "h03v03", "--source", source.toUri().toString(), "--data-dir", dataDir.toString(),
        "--port", "0", "--json");
    assertThat(again.exit()).isEqualTo(ExitCodes.SCENES_FAILED);
    assertThat(Json.mapper().readTree(again.out()).get("stages").get(0).get("skipped").asInt())
        .as("a rerun skips the finished scenes").isEqualTo(3);
    assertThat(Files.getLastModifiedTime(goodThumb))
        .as("cloud-filter judged %s alike again: index-build sees its inputs unchanged and does not render it", good)
        .isEqualTo(thumbWritten);

    Files.copy(originalSr, source.resolve(md5Bad + "_SR.tar"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.copy(originalQa, source.resolve(slip + "_QA.tar"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    republishMd5(source, slip + "_QA.tar", TarBuilder.md5(Files.readAllBytes(originalQa)));
    Result mended = run("--tile", "h03v03", "--source", source.toUri().toString(), "--data-dir", dataDir.toString(),
        "--port", "0", "--json");
    assertThat(mended.exit()).as(mended.err()).isZero();
    JsonNode fetched = Json.mapper().readTree(mended.out()).get("stages").get(0);
    assertThat(fetched.get("done").asInt()).isEqualTo(2);
    assertThat(fetched.get("skipped").asInt()).isEqualTo(3);
    assertThat(raw.resolve(md5Bad + "/_scenelift/fetch-scene.failed.json")).doesNotExist();
    assertThat(Files.readString(raw.resolve("thumbs/thumbindex.html"))).doesNotContain("Failed scenes");
  }

  private static void republishMd5(Path source, String bundle, String md5) throws IOException {
    InProcessSubmitRun.republishMd5(source, TILE, bundle, md5);
  }

  private Result run(String... args) {
    return submitRun.run(args);
  }
}
