package dev.scenelift.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scenelift.job.ExitCodes;
import dev.scenelift.json.Json;
import dev.scenelift.scene.Collection;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import dev.scenelift.submit.InProcessSubmitRun;
import dev.scenelift.submit.InProcessSubmitRun.Result;
import dev.scenelift.synthetic.SyntheticTiles;
import dev.scenelift.testing.TarBuilder;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Collection 2 end to end with the real jobs on the embedded engine: {@code --source synthetic:c2} (five C2 tars per
 * scene, the EarthExplorer/M2M shape) through fetch-scene's tar path, cloud-filter on QA_PIXEL, cog-convert copying
 * the COGs unchanged, index-build's C2 documents; and bad C2 bundles failing their scenes by the failure contract.
 */
class Collection2RunTest {
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

  private Result run(String... args) {
    return submitRun.run(args);
  }

  @Test
  void syntheticC2RunsTheWholeChainOfflineIntoTheThreeCollections() throws Exception {
    Path dataDir = home.resolve("data");
    Result r = run("--tile", "h03v03", "--source", "synthetic:c2", "--synthetic-size", "64", "--data-dir",
        dataDir.toString(), "--port", "0", "--json");

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode summary = Json.mapper().readTree(r.out());
    assertThat(summary.get("collections")).extracting(c -> c.get("scenes").asInt()).containsExactly(4, 2, 1);
    Path store = dataDir.resolve("store/scenelift");
    SceneId research = C2ResearchSet.scene(store);
    Path raw = store.resolve("raw/h03v03/" + research);
    assertThat(raw.resolve("QA/" + research + "_QA_PIXEL.TIF")).isRegularFile();
    assertThat(raw.resolve("ST/" + research + "_ST_B10.TIF")).isRegularFile();
    assertThat(raw.resolve("TOA/" + research + "_TOA_B4.TIF")).isRegularFile();
    JsonNode verdict = Json.mapper().readTree(raw.resolve("cloud.json").toFile());
    assertThat(verdict.get("metadata").get("cloud_cover").asDouble())
        .isCloseTo(verdict.get("percent").get("cloud").asDouble(), org.assertj.core.data.Offset.offset(1e-3));
    C2ResearchSet.assertCopiedWithC2Documents(store, research);
    assertThat(store.resolve("raw/h03v03/thumbs")).isDirectoryContaining(p -> p.getFileName().toString()
        .startsWith(research.toString()));
  }

  /**
   * Three bad C2 scenes among four: a QA tar without QA_PIXEL, an XML that is not XML, an XML naming another tile.
   * Each fails in cloud-filter with one line naming the scene and the cause and a failure record, leaves no verdict
   * and no copies behind; the good scene goes through; index-build lists the failed ones; submit-run exits 1.
   */
  @Test
  void badC2BundlesFailTheirScenesWithOneLineEachAndNothingHalfWritten() throws Exception {
    SyntheticTiles.Folder generated = new SyntheticTiles(home.resolve("gen"), 32, Collection.C2).ensure(TILE, 4);
    Path source = Files.createDirectories(home.resolve("ard"));
    try (Stream<Path> files = Files.list(generated.dir())) {
      for (Path f : files.filter(p -> !p.getFileName().toString().endsWith(".recipe")).toList()) {
        Files.copy(f, source.resolve(f.getFileName()));
      }
    }
    List<SceneId> scenes = generated.scenes();
    SceneId noQa = scenes.get(0);
    SceneId malformed = scenes.get(1);
    SceneId wrongTile = scenes.get(2);
    SceneId good = scenes.get(3);
    rewrite(source, noQa, "QA", name -> name.endsWith("_QA_PIXEL.TIF") ? null : name, xml -> xml);
    for (String bundle : List.of("SR", "ST", "TOA", "BT", "QA")) {
      rewrite(source, malformed, bundle, n -> n, xml -> "<LANDSAT_METADATA_FILE><TILE_METADATA>".getBytes());
      rewrite(source, wrongTile, bundle, n -> n, xml -> new String(xml, StandardCharsets.UTF_8)
          .replace("<TILE_GRID_H>003</TILE_GRID_H>", "<TILE_GRID_H>004</TILE_GRID_H>").getBytes(StandardCharsets.UTF_8));
    }
    Path dataDir = home.resolve("data");

    Result r = run("--tile", "h03v03", "--source", source.toUri().toString(), "--data-dir", dataDir.toString(),
        "--port", "0", "--json");

    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.SCENES_FAILED);
    List<String> lines = r.err().lines().filter(l -> l.startsWith("L")).toList();
    assertThat(lines).as(r.err()).hasSize(3);
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(noQa + " cloud-filter: ").contains("QA band")
        .contains(noQa + "_QA_PIXEL.TIF"));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(malformed + " cloud-filter: ").contains(".xml"));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(wrongTile + " cloud-filter: ").contains("TILE_GRID_H"));
    Path store = dataDir.resolve("store/scenelift");
    for (SceneId bad : List.of(noQa, malformed, wrongTile)) {
      Path dir = store.resolve("raw/h03v03/" + bad);
      JsonNode record = Json.mapper().readTree(dir.resolve("_scenelift/cloud-filter.failed.json").toFile());
      assertThat(record.get("stage").asText()).isEqualTo("FILTER");
      assertThat(dir.resolve("cloud.json")).as("%s has no verdict", bad).doesNotExist();
      assertThat(dir.resolve("_scenelift/cloud-filter.done.json")).doesNotExist();
      assertThat(store.resolve("opt/h03v03/" + bad)).doesNotExist();
      assertThat(store.resolve("cog/h03v03/" + bad)).doesNotExist();
    }
    assertThat(kind(store, noQa)).isEqualTo("qa-missing");
    assertThat(kind(store, malformed)).isEqualTo("metadata-invalid");
    assertThat(kind(store, wrongTile)).isEqualTo("metadata-invalid");
    assertThat(store.resolve("raw/h03v03/" + good + "/cloud.json")).isRegularFile();
    assertThat(store.resolve("cog/h03v03/" + good + "/_scenelift/cog-convert.done.json")).isRegularFile();
    assertThat(Files.readString(store.resolve("raw/h03v03/thumbs/thumbindex.html")))
        .contains("Failed scenes (3)", noQa.toString(), malformed.toString(), wrongTile.toString());
  }

  private static String kind(Path store, SceneId scene) throws Exception {
    return Json.mapper().readTree(store.resolve("raw/h03v03/" + scene + "/_scenelift/cloud-filter.failed.json")
        .toFile()).get("kind").asText();
  }

  /**
   * Rewrites a scene's bundle in a bulk-download folder: entries renamed or dropped ({@code null}), the XML entry
   * transformed, then its md5 republished in its {@code .md5} file and the tile's md5 list.
   */
  private static void rewrite(Path source, SceneId scene, String bundle, UnaryOperator<String> names,
      UnaryOperator<byte[]> xml) throws Exception {
    Path tar = source.resolve(scene + "_" + bundle + ".tar");
    TarBuilder out = new TarBuilder();
    try (InputStream in = Files.newInputStream(tar);
        TarArchiveInputStream t = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      while ((e = t.getNextEntry()) != null) {
        byte[] body = t.readAllBytes();
        String name = names.apply(e.getName());
        if (name != null) {
          out.file(name, name.endsWith(".xml") ? xml.apply(body) : body);
        }
      }
    }
    byte[] bytes = out.tar();
    Files.write(tar, bytes);
    InProcessSubmitRun.republishMd5(source, TILE, tar.getFileName().toString(), TarBuilder.md5(bytes));
  }
}
