package dev.scenelift.index;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scenelift.job.JobEnv;
import dev.scenelift.json.Json;
import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import dev.scenelift.stac.StacNodeValidator;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Location;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The STAC collection's extent, each asset's grid, and the catalog's links, self-contained and published, over a tile
 * whose scenes span more time than its items: an earlier scene without COGs (excluded) and a later one the manifest
 * lists but nobody fetched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StacLinksAndExtentTest {
  static final Tile TILE = Tile.parse("h03v03");
  static final SceneId EXCLUDED = SceneId.parse("LT05_CU_003003_20110602_20170817_C01_V01");
  static final SceneId FIRST = SceneId.parse("LC08_CU_003003_20130414_20170713_C01_V01");
  static final SceneId SECOND = SceneId.parse("LC08_CU_003003_20130516_20170713_C01_V01");
  static final SceneId MISSING = SceneId.parse("LE07_CU_003003_20140101_20170817_C01_V01");
  static final String PUBLIC_URL = "https://data.example.test/scenelift/cog/";

  private final StacNodeValidator stacNodeValidator = new StacNodeValidator();
  private Store selfContained;
  private Store published;
  @TempDir Path work;

  /** One store with the tile, indexed once. */
  private static final class Store implements AutoCloseable {
    final EmbeddedS3Store store = EmbeddedS3Store.inMemory();
    final S3Client s3 = S3ClientFactory.create(store.settings());
    final KeyLayout layout = KeyLayout.inBucket("scenelift");
    final OutputNames names = new OutputNames(layout);
    final S3Location manifest;
    String err = "";

    Store(Path tmp) throws Exception {
      s3.createBucket(b -> b.bucket("scenelift"));
      TileFixture fixture = new TileFixture(s3, layout, tmp);
      IntBinaryOperator ramp = (x, y) -> 100 + x + y;
      fixture.scene(EXCLUDED, Map.of("B3", ramp), false);
      fixture.verdict(EXCLUDED, false, 60, 1);
      fixture.scene(FIRST, Map.of("B4", ramp, "B3", ramp, "B2", ramp), true);
      fixture.verdict(FIRST, true, 1, 1);
      // an angle band on a grid twice as coarse as the others
      fixture.cogBand(FIRST, Bundle.TA, "SOA4", (x, y) -> 15000, TileFixture.PIXELS / 2);
      fixture.scene(SECOND, Map.of("B4", ramp, "B3", ramp, "B2", ramp), true);
      fixture.cogBand(SECOND, Bundle.TA, "SOA4", (x, y) -> 15100, TileFixture.PIXELS / 2);
      fixture.verdict(SECOND, true, 2, 1);
      List<SceneEntry> scenes =
          List.of(EXCLUDED, FIRST, SECOND, MISSING).stream().map(id -> new SceneEntry(id, List.of())).toList();
      manifest =
          new ManifestStore(s3)
              .write(new RunManifest("run-1", TILE, "test", Instant.now(), 10, layout, scenes, Map.of()));
    }

    int run(Map<String, String> extraEnv, String... args) {
      Map<String, String> env = JobEnv.forStore(store.settings());
      env.put(JobEnv.RUN_ID, "run-1");
      env.put(JobEnv.MANIFEST, manifest.toString());
      env.put(JobEnv.WORKERS, "2");
      env.putAll(extraEnv);
      IndexBuildRun r = IndexBuildRun.of(env, args);
      err = r.err();
      return r.exit();
    }

    JsonNode json(S3Location loc) throws Exception {
      return Json.mapper().readTree(s3.getObjectAsBytes(b -> b.bucket(loc.bucket()).key(loc.key())).asByteArray());
    }

    @Override
    public void close() throws Exception {
      s3.close();
      store.close();
    }
  }

  @BeforeAll
  void index(@TempDir Path a, @TempDir Path b) throws Exception {
    selfContained = new Store(a);
    assertThat(selfContained.run(Map.of())).as(selfContained.err).isZero();
    published = new Store(b);
    // without the trailing slash: a URL names the folder either way
    assertThat(published.run(Map.of(), "--base-url", PUBLIC_URL.substring(0, PUBLIC_URL.length() - 1)))
        .as(published.err)
        .isZero();
  }

  @AfterAll
  void close() throws Exception {
    selfContained.close();
    published.close();
  }

  private static List<JsonNode> links(JsonNode doc) {
    List<JsonNode> out = new ArrayList<>();
    doc.path("links").forEach(out::add);
    return out;
  }

  private static List<String> hrefs(JsonNode doc, String rel) {
    return links(doc).stream().filter(l -> rel.equals(l.path("rel").asText())).map(l -> l.path("href").asText()).toList();
  }

  private static String href(JsonNode doc, String rel) {
    return links(doc).stream()
        .filter(l -> rel.equals(l.path("rel").asText()))
        .map(l -> l.path("href").asText())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + rel + " link in " + doc.path("id")));
  }

  @Test
  void collectionExtentIsThatOfTheItemsItHoldsNotOfExcludedOrMissingScenes() throws Exception {
    OutputNames n = selfContained.names;
    JsonNode collection = selfContained.json(n.stacCollection(TILE));
    JsonNode interval = collection.at("/extent/temporal/interval/0");
    assertThat(interval.get(0).asText()).isEqualTo("2013-04-14T00:00:00Z");
    assertThat(interval.get(1).asText()).isEqualTo("2013-05-16T23:59:59Z");
    // our own check, generic: the extent is the items' (listed in the collection), no wider, no narrower
    String start = null;
    String end = null;
    double[] bbox = null;
    List<String> itemHrefs =
        links(collection).stream().filter(l -> l.path("rel").asText().equals("item")).map(l -> l.path("href").asText())
            .toList();
    assertThat(itemHrefs).hasSize(2);
    for (String h : itemHrefs) {
      JsonNode item = selfContained.json(CatalogDocumentsTest.resolve(n.stacCollection(TILE), h));
      String s = item.at("/properties/start_datetime").asText();
      String e = item.at("/properties/end_datetime").asText();
      start = start == null || s.compareTo(start) < 0 ? s : start;
      end = end == null || e.compareTo(end) > 0 ? e : end;
      JsonNode b = item.get("bbox");
      double[] ib = {b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble()};
      bbox =
          bbox == null
              ? ib
              : new double[] {
                Math.min(bbox[0], ib[0]), Math.min(bbox[1], ib[1]), Math.max(bbox[2], ib[2]), Math.max(bbox[3], ib[3])
              };
    }
    assertThat(interval.get(0).asText()).isEqualTo(start);
    assertThat(interval.get(1).asText()).isEqualTo(end);
    JsonNode cb = collection.at("/extent/spatial/bbox/0");
    for (int i = 0; i < 4; i++) {
      assertThat(cb.get(i).asDouble()).isEqualTo(bbox[i]);
    }
  }

  @Test
  void spatialResolutionAndGridOfEachAssetComeFromItsOwnGeotransform() throws Exception {
    JsonNode item = selfContained.json(selfContained.names.stacItem(FIRST));
    double px = Tile.SIZE_METRES / TileFixture.PIXELS;
    assertThat(item.at("/properties/proj:shape").toString()).isEqualTo("[250,250]");
    assertThat(item.at("/properties/proj:transform/0").asDouble()).isEqualTo(px);
    JsonNode red = item.at("/assets/srb4");
    assertThat(red.at("/raster:bands/0/spatial_resolution").asDouble()).isEqualTo(px);
    assertThat(red.has("proj:shape")).as("same grid as the item").isFalse();
    JsonNode angle = item.at("/assets/soa4");
    assertThat(angle.at("/raster:bands/0/spatial_resolution").asDouble()).isEqualTo(2 * px);
    assertThat(angle.get("proj:shape").toString()).isEqualTo("[125,125]");
    double[] gt = TILE.geoTransform();
    assertThat(angle.get("proj:transform").toString())
        .isEqualTo(Json.mapper().valueToTree(List.of(2 * px, 0.0, gt[0], 0.0, -2 * px, gt[3])).toString());
    assertThat(angle.has("proj:wkt2")).as("same CRS as the item").isFalse();
  }

  @Test
  void eo3DatasetGivesARasterOnAnotherGridItsOwnGridAndStillValidates() throws Exception {
    S3Location loc = selfContained.names.eo3Dataset(FIRST);
    JsonNode dataset =
        new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
            .readTree(selfContained.s3.getObjectAsBytes(b -> b.bucket(loc.bucket()).key(loc.key())).asByteArray());
    assertThat(dataset.at("/grids/default/shape").toString()).isEqualTo("[250,250]");
    assertThat(dataset.at("/grids/soa4/shape").toString()).isEqualTo("[125,125]");
    assertThat(dataset.at("/grids/soa4/transform/0").asDouble()).isEqualTo(2 * Tile.SIZE_METRES / TileFixture.PIXELS);
    assertThat(dataset.at("/measurements/soa4/grid").asText()).isEqualTo("soa4");
    assertThat(dataset.at("/measurements/srb4").has("grid")).as("on the default grid").isFalse();
    assertThat(new dev.scenelift.eo3.Eo3Schemas().validate(dev.scenelift.eo3.Eo3Schemas.Kind.EO3_DATASET, dataset))
        .isEmpty();
    S3Location productLoc = selfContained.names.eo3Product(TILE, "landsat_ard_c1_oli_tirs");
    JsonNode product =
        new com.fasterxml.jackson.dataformat.yaml.YAMLMapper()
            .readTree(selfContained.s3.getObjectAsBytes(b -> b.bucket("scenelift").key(productLoc.key())).asByteArray());
    JsonNode angle = null;
    for (JsonNode m : product.get("measurements")) {
      if (m.get("name").asText().equals("soa4")) {
        angle = m;
      }
    }
    assertThat(angle).as("both datasets have soa4").isNotNull();
    assertThat(angle.get("units").asText()).isEqualTo("degree");
    assertThat(angle.get("nodata").asLong()).as("no nodata stated anywhere: the int16 default").isEqualTo(-9999);
  }

  @Test
  void selfContainedCatalogHasOnlyRelativeLinksAndNoSelfLinks() throws Exception {
    List<Path> files = StacFiles.copyOut(selfContained.s3, selfContained.layout, work.resolve("self-contained"));
    assertThat(files).hasSize(4);
    for (Path f : files) {
      JsonNode doc = Json.mapper().readTree(Files.readAllBytes(f));
      for (JsonNode l : links(doc)) {
        assertThat(l.path("rel").asText()).as(f.toString()).isNotEqualTo("self");
        if (!l.path("rel").asText().equals("license")) {
          assertThat(l.path("href").asText()).as(f + " " + l).doesNotContain("://");
        }
      }
    }
  }

  @Test
  void withAPublicUrlEveryStructuralLinkAndSelfIsAnAbsoluteUrlUnderIt() throws Exception {
    OutputNames n = published.names;
    JsonNode catalog = published.json(n.stacCatalog());
    JsonNode collection = published.json(n.stacCollection(TILE));
    JsonNode item = published.json(n.stacItem(FIRST));
    String itemUrl = PUBLIC_URL + "h03v03/" + FIRST + "/" + FIRST + "_stac-item.json";
    assertThat(href(catalog, "self")).isEqualTo(PUBLIC_URL + "catalog.json");
    assertThat(href(catalog, "root")).isEqualTo(PUBLIC_URL + "catalog.json");
    assertThat(href(catalog, "child")).isEqualTo(PUBLIC_URL + "h03v03/collection.json");
    assertThat(href(collection, "self")).isEqualTo(PUBLIC_URL + "h03v03/collection.json");
    assertThat(href(collection, "parent")).isEqualTo(PUBLIC_URL + "catalog.json");
    assertThat(links(collection).stream().filter(l -> l.path("rel").asText().equals("item")).map(l -> l.path("href").asText()))
        .contains(itemUrl);
    assertThat(href(item, "self")).isEqualTo(itemUrl);
    assertThat(href(item, "root")).isEqualTo(PUBLIC_URL + "catalog.json");
    assertThat(href(item, "parent")).isEqualTo(PUBLIC_URL + "h03v03/collection.json");
    // assets stay relative to the item: the COGs are beside it, wherever it is served
    assertThat(item.at("/assets/srb4/href").asText()).isEqualTo("SR/" + FIRST + "_SRB4.tif");

    List<Path> files = StacFiles.copyOut(published.s3, published.layout, work.resolve("published"));
    StacNodeValidator.Result r = stacNodeValidator.validate(files, work);
    assertThat(r.allValid(files.size())).as(r.output()).isTrue();
  }

  @Test
  void droppingThePublicUrlRewritesTheCatalogSelfContainedAgain() throws Exception {
    try (Store store = new Store(Files.createDirectories(work.resolve("switch")))) {
      assertThat(store.run(Map.of(JobEnv.PUBLIC_URL, PUBLIC_URL))).as(store.err).isZero();
      assertThat(href(store.json(store.names.stacItem(SECOND)), "self")).startsWith(PUBLIC_URL);
      assertThat(store.run(Map.of())).as(store.err).isZero();
      JsonNode catalog = store.json(store.names.stacCatalog());
      assertThat(links(catalog)).noneMatch(l -> l.path("rel").asText().equals("self"));
      assertThat(hrefs(catalog, "child")).as("the published child link is read back, not kept beside the new one")
          .containsExactly("./h03v03/collection.json");
      assertThat(links(store.json(store.names.stacItem(SECOND)))).noneMatch(l -> l.path("rel").asText().equals("self"));
    }
  }

  @Test
  void movingThePublicUrlRewritesEveryLinkUnderTheNewOne() throws Exception {
    String moved = "https://maps.example.org/landsat/";
    try (Store store = new Store(Files.createDirectories(work.resolve("move")))) {
      assertThat(store.run(Map.of(JobEnv.PUBLIC_URL, PUBLIC_URL))).as(store.err).isZero();
      assertThat(store.run(Map.of(JobEnv.PUBLIC_URL, moved))).as(store.err).isZero();
      JsonNode catalog = store.json(store.names.stacCatalog());
      assertThat(hrefs(catalog, "child")).containsExactly(moved + "h03v03/collection.json");
      assertThat(href(catalog, "self")).isEqualTo(moved + "catalog.json");
    }
  }

  @Test
  void aPublicUrlThatIsNotHttpIsAUsageError() throws Exception {
    assertThat(selfContained.run(Map.of(), "--base-url", "s3://scenelift/cog/")).isEqualTo(2);
    assertThat(selfContained.err.strip()).startsWith("index-build: --base-url").contains("http");
    assertThat(selfContained.err.strip().lines()).hasSize(1);
  }
}
