package dev.scenelift.index;

import static dev.scenelift.index.IndexedTile.L5;
import static dev.scenelift.index.IndexedTile.L7;
import static dev.scenelift.index.IndexedTile.L8;
import static dev.scenelift.index.IndexedTile.TILE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scenelift.collection.TileCollection;
import dev.scenelift.job.ExitCodes;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;
import dev.scenelift.scene.Stage;
import dev.scenelift.marker.FailureRecord;
import dev.scenelift.marker.MarkerStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexBuildTest {
  @TempDir Path tmp;

  @Test
  void writesListingsThumbnailsStacAndEo3ForAPartialRun() throws Exception {
    try (IndexedTile t = new IndexedTile(tmp)) {
      assertThat(t.run()).as(t.lastErr).isEqualTo(ExitCodes.OK);
      OutputNames n = t.names();
      assertThat(t.exists(n.smallThumb(L8))).isTrue();
      assertThat(t.exists(n.largeThumb(L8))).isTrue();
      assertThat(t.exists(n.smallThumb(L5))).as("raw bands suffice for thumbnails").isTrue();
      assertThat(t.exists(n.thumbIndex(TILE))).isTrue();
      assertThat(t.exists(n.stacCatalog())).isTrue();
      assertThat(t.exists(n.stacCollection(TILE))).isTrue();
      assertThat(t.exists(n.stacItem(L8))).isTrue();
      assertThat(t.exists(n.stacItem(L5))).as("no COGs, no item").isFalse();
      assertThat(t.exists(n.eo3Dataset(L8))).isTrue();
      assertThat(t.exists(n.eo3Product(TILE, "landsat_ard_c1_oli_tirs"))).isTrue();
      for (var root : java.util.List.of(t.layout.raw(), t.layout.opt(), t.layout.cog())) {
        assertThat(t.exists(root.resolve("AAlist.html"))).as(root.toString()).isTrue();
      }
      assertThat(t.exists(t.layout.sceneDir(t.layout.raw(), L8).resolve("AAlist.html"))).isTrue();
      assertThat(t.lastOut).contains("2 scenes rendered", "1 missing", "thumbindex.html");
    }
  }

  @Test
  void eachCollectionHasPagesOfItsMembersThatLinkToTheOtherCollections() throws Exception {
    try (IndexedTile t = new IndexedTile(tmp)) {
      assertThat(t.run()).as(t.lastErr).isEqualTo(ExitCodes.OK);
      OutputNames n = t.names();
      String full = t.read(n.thumbIndex(TileCollection.FULL, TILE));
      String cloudFree = t.read(n.thumbIndex(TileCollection.CLOUD_FREE, TILE));
      String research = t.read(n.thumbIndex(TileCollection.COG_RESEARCH, TILE));
      assertThat(n.thumbIndex(TileCollection.CLOUD_FREE, TILE).toString())
          .isEqualTo("s3://scenelift/opt/h03v03/thumbs/thumbindex.html");
      assertThat(scenesOf(full)).containsExactlyInAnyOrder(L8.toString(), L5.toString(), L7.toString());
      assertThat(scenesOf(cloudFree)).containsExactly(L8.toString());
      assertThat(scenesOf(research)).containsExactly(L8.toString());
      assertThat(research).contains("COG research set of tile h03v03", "Rule: LC08; cloud ≤ 1%, fill ≤ 5%.");
      assertThat(cloudFree).contains("Rule: every sensor; cloud ≤ 10%.")
          .contains("href=\"../../../raw/h03v03/thumbs/thumbindex.html\"")
          .contains("href=\"../../../cog/h03v03/thumbs/thumbindex.html\"")
          .contains("href=\"../../../raw/AAlist.html\"")
          .contains("href=\"../../AAlist.html\"")
          .as("thumbnails stay in the full tile's thumbs/")
          .contains("\"small\":\"../../../raw/h03v03/thumbs/" + L8 + "_thumb_small.png\"");
      String optTop = t.read(n.listing(TileCollection.CLOUD_FREE));
      assertThat(optTop).contains("<strong>Cloud-free</strong> (1 scene, this collection)",
          "<strong>Full tile</strong> (3 scenes)", "<strong>COG research set</strong> (1 scene)", "href=\"../raw/h03v03/thumbs/thumbindex.html\"",
          "href=\"./h03v03/thumbs/thumbindex.html\"");
      assertThat(t.lastOut)
          .contains("Full tile: 3 scenes (every scene)", "Cloud-free: 1 scene (every sensor; cloud ≤ 10%)",
              "COG research set: 1 scene (LC08; cloud ≤ 1%, fill ≤ 5%)", "opt/h03v03/thumbs/thumbindex.html");
    }
  }

  @Test
  void collectionsInBucketsOfTheirOwnLinkThroughTheBucketLevel() throws Exception {
    KeyLayout buckets =
        new KeyLayout(new S3Location("sl-raw", ""), new S3Location("sl-opt", ""), new S3Location("sl-cog", ""),
            new S3Location("sl-runs", ""));
    try (IndexedTile t = new IndexedTile(tmp, buckets)) {
      assertThat(t.run()).as(t.lastErr).isEqualTo(ExitCodes.OK);
      String cloudFree = t.read(t.names().thumbIndex(TileCollection.CLOUD_FREE, TILE));
      assertThat(t.names().thumbIndex(TileCollection.CLOUD_FREE, TILE).toString())
          .isEqualTo("s3://sl-opt/h03v03/thumbs/thumbindex.html");
      assertThat(cloudFree)
          .contains("href=\"../../../sl-raw/h03v03/thumbs/thumbindex.html\"")
          .contains("href=\"../../../sl-cog/AAlist.html\"")
          .contains("\"small\":\"../../../sl-raw/h03v03/thumbs/" + L8 + "_thumb_small.png\"");
      assertThat(scenesOf(t.read(t.names().thumbIndex(TileCollection.COG_RESEARCH, TILE))))
          .containsExactly(L8.toString());
    }
  }

  /** The scene ids of a thumbindex.html's embedded JSON. */
  static java.util.List<String> scenesOf(String page) throws Exception {
    String json = page.substring(page.indexOf("<script type=\"application/json\" id=\"scenes\">"));
    json = json.substring(json.indexOf('>') + 1, json.indexOf("</script>"));
    java.util.List<String> ids = new java.util.ArrayList<>();
    dev.scenelift.json.Json.mapper().readTree(json).forEach(c -> ids.add(c.get("id").asText()));
    return ids;
  }

  @Test
  void rerunRendersOnlyScenesWhoseInputsChanged() throws Exception {
    try (IndexedTile t = new IndexedTile(tmp)) {
      assertThat(t.run()).isEqualTo(ExitCodes.OK);
      assertThat(t.run()).isEqualTo(ExitCodes.OK);
      assertThat(t.lastOut).contains("0 scenes rendered, 2 unchanged");
      t.fixture.verdict(L5, true, 1, 3);
      assertThat(t.run()).isEqualTo(ExitCodes.OK);
      assertThat(t.lastOut).contains("1 scenes rendered, 1 unchanged");
      assertThat(t.read(t.names().thumbIndex(TILE))).contains("2 clear, 0 cloudy");
    }
  }

  @Test
  void missingSceneIsShownAsMissingNotAsABrokenImage() throws Exception {
    try (IndexedTile t = new IndexedTile(tmp)) {
      assertThat(t.run()).isEqualTo(ExitCodes.OK);
      String page = t.read(t.names().thumbIndex(TILE));
      assertThat(page).contains(L7.toString(), "not fetched yet", "1 missing");
      assertThat(page).doesNotContain(L7 + "_thumb_small.png");
      assertThat(page).contains(L8 + "_thumb_small.png", L5 + "_thumb_small.png");
    }
  }

  @Test
  void scenesFailedByEarlierStagesAreListedWithStageAndCauseAndTheRestIsIndexed() throws Exception {
    try (IndexedTile t = new IndexedTile(tmp)) {
      MarkerStore markers = new MarkerStore(t.s3, t.layout);
      markers.markFailed(
          new FailureRecord(L7, Stage.FETCH, "run-1", "md5-mismatch",
              "fetch-scene: " + L7 + ": SR bundle md5 <b>0123</b> does not match the listed 4567", 1,
              java.time.Instant.parse("2026-12-07T06:00:00Z")));
      markers.markFailed(
          new FailureRecord(L5, Stage.COG, "run-1", "input-corrupt", "SR band is not a TIFF", 2,
              java.time.Instant.parse("2026-12-07T06:01:00Z")));

      assertThat(t.run()).as(t.lastErr).isEqualTo(ExitCodes.OK);

      String page = t.read(t.names().thumbIndex(TILE));
      assertThat(page).contains("<a href=\"#failed\">2 failed</a>", "Failed scenes (2)");
      assertThat(page).contains("fetch-scene failed: md5-mismatch", "cog-convert failed: input-corrupt");
      assertThat(page).contains("does not match the listed 4567").doesNotContain("<b>0123</b>");
      assertThat(page).contains(L8 + "_thumb_small.png").as("the good scene is still indexed");
      String rawTop = t.read(t.layout.raw().resolve("AAlist.html"));
      assertThat(rawTop).contains("Failed scenes (2)", L7.toString(), "md5-mismatch", "2026-12-07 06:00:00 UTC");
      assertThat(t.read(t.layout.cog().resolve("AAlist.html"))).doesNotContain("Failed scenes");
      assertThat(t.lastOut).contains("failed scenes of the tile (listed on its pages): 2")
          .contains(L7 + " fetch-scene: fetch-scene: " + L7);
      assertThat(t.exists(t.names().stacItem(L8))).isTrue();
    }
  }

  @Test
  void hostileVerdictReasonIsEscapedInThumbIndex() throws Exception {
    try (IndexedTile t = new IndexedTile(tmp)) {
      var v =
          new dev.scenelift.verdict.CloudVerdict(
              L5, false, "<script>alert(1)</script>\" onmouseover=\"x", Map.of(), Map.of("cloud", 50.0), Map.of(), Map.of(),
              "run-1", java.time.Instant.now());
      t.fixture.put(t.layout.cloudVerdict(L5), dev.scenelift.json.Json.writeBytes(v), "application/json");
      assertThat(t.run()).isEqualTo(ExitCodes.OK);
      String page = t.read(t.names().thumbIndex(TILE));
      assertThat(page).doesNotContain("<script>alert(1)", "</script>\"", "\" onmouseover=\"x");
      assertThat(page)
          .as("in the page's JSON, where no < can end its script element; the script sets it as text")
          .contains("\"reason\":\"\\u003cscript>alert(1)\\u003c/script>\\\" onmouseover=\\\"x\"");
    }
  }

  @Test
  void runsOnItsOwnOverATileWithoutAManifest() throws Exception {
    try (IndexedTile t = new IndexedTile(tmp)) {
      Map<String, String> env = new HashMap<>(t.env());
      env.remove("SCENELIFT_MANIFEST");
      env.remove("SCENELIFT_RUN_ID");
      assertThat(t.run(env, "--tile", "h03v03", "--bucket", "scenelift")).as(t.lastErr).isEqualTo(ExitCodes.OK);
      assertThat(t.lastOut).contains("2 scenes rendered", "0 missing");
      assertThat(t.exists(t.names().stacItem(L8))).isTrue();
    }
  }

  @Test
  void corruptCloudVerdictFailsThatSceneWithOneLineAndARecord() throws Exception {
    try (IndexedTile t = new IndexedTile(tmp)) {
      t.fixture.put(t.layout.cloudVerdict(L5), "{not json".getBytes(StandardCharsets.UTF_8), "application/json");
      assertThat(t.run()).isEqualTo(ExitCodes.OK);
      assertThat(t.lastErr.strip().lines()).hasSize(1);
      assertThat(t.lastErr).contains(L5.toString(), "cloud.json");
      assertThat(new MarkerStore(t.s3, t.layout).failure(Stage.INDEX, L5)).isPresent();
      assertThat(t.exists(t.names().stacItem(L8))).as("other scenes still indexed").isTrue();
      t.fixture.verdict(L5, false, 45, 3);
      assertThat(t.run()).isEqualTo(ExitCodes.OK);
      assertThat(t.lastOut).contains("1 scenes rendered, 1 unchanged");
      assertThat(new MarkerStore(t.s3, t.layout).failure(Stage.INDEX, L5)).as("stale failure record removed").isEmpty();
    }
  }

  @Test
  void withoutManifestOrTileItIsAUsageError() throws Exception {
    try (IndexedTile t = new IndexedTile(tmp)) {
      assertThat(t.run(Map.of())).isEqualTo(ExitCodes.USAGE);
      assertThat(t.lastErr).contains("--tile");
    }
  }

  @Test
  void helpListsEveryOptionWithItsDefaultAndTheExitCodes() throws Exception {
    try (IndexedTile t = new IndexedTile(tmp)) {
      assertThat(t.run(Map.of(), "--help")).isEqualTo(ExitCodes.OK);
      assertThat(t.lastOut)
          .contains("--tile", "--bucket", "default: scenelift", "--[no-]thumbnails", "--force", "--workers")
          .contains("Exit codes:", "0", "1", "2", "3");
    }
  }
}
