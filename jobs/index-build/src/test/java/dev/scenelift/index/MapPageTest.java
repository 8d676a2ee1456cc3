package dev.scenelift.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scenelift.browser.Chromium;
import dev.scenelift.job.JobEnv;
import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Location;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntBinaryOperator;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * map.html in headless Debian Chromium, served by {@link BucketGateway} (what {@code submit-run serve} runs) from an
 * in-process store: two Landsat 8 scenes with 2048-pixel SR and QA COGs laid out as cog-convert writes them (a red one
 * and a blue one, noisy so that they do not compress away) and one scene with raw bands only. The map must draw the
 * scene's colours, switch scenes and colour modes, overlay the QA cloud mask, read pixel values, line the STAC footprint
 * up with the COG's grid, and read a small part of each file by range requests (overviews at low zoom). It prints the
 * bytes and requests per view, the time to the first scene render (a coarse overview) and the steps on the way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MapPageTest {
  static final Tile TILE = Tile.parse("h03v03");
  static final SceneId RED = SceneId.parse("LC08_CU_003003_20130414_20170713_C01_V01");
  static final SceneId BLUE = SceneId.parse("LC08_CU_003003_20140502_20170713_C01_V01");
  static final SceneId RAW_ONLY = SceneId.parse("LC08_CU_003003_20150611_20170713_C01_V01");
  static final int PIXELS = 2048;
  /** C1 PIXELQA: bit 1 clear, bit 5 cloud. */
  static final int CLEAR = 2;
  static final int CLOUD = 32 | 64 | 128;

  private final KeyLayout layout = KeyLayout.inBucket("scenelift");
  private final List<ServedRequest> served = new CopyOnWriteArrayList<>();
  private EmbeddedS3Store store;
  private S3Client s3;
  private BucketGateway gateway;
  private Chromium browser;

  @BeforeAll
  void indexAndServe(@TempDir Path tmp) throws Exception {
    assumeTrue(Chromium.installed(), "chromium is not installed (apt-get install -y chromium); browser tests skipped");
    store = EmbeddedS3Store.inMemory();
    s3 = S3ClientFactory.create(store.settings());
    s3.createBucket(b -> b.bucket("scenelift"));
    TileFixture fixture = new TileFixture(s3, layout, tmp, TILE, PIXELS, TileFixture.PIPELINE_COGS);
    fixture.scene(RED, Map.of("B4", noisy(2500), "B3", noisy(400), "B2", noisy(400), "B5", noisy(2600)), true);
    fixture.scene(BLUE, Map.of("B4", noisy(300), "B3", noisy(700), "B2", noisy(2700), "B5", noisy(300)), true);
    fixture.cogBand(RED, Bundle.QA, "PIXELQA", (x, y) -> x < PIXELS / 2 ? CLOUD : CLEAR);
    fixture.cogBand(BLUE, Bundle.QA, "PIXELQA", (x, y) -> CLEAR);
    fixture.scene(RAW_ONLY, Map.of("B4", noisy(1000)), false);
    fixture.verdict(RED, true, 3, 0);
    fixture.verdict(BLUE, true, 1, 0);
    S3Location manifest =
        new ManifestStore(s3)
            .write(
                new RunManifest("run-1", TILE, "test", Instant.now(), 10, layout,
                    List.of(new SceneEntry(RED, List.of()), new SceneEntry(BLUE, List.of()),
                        new SceneEntry(RAW_ONLY, List.of())),
                    Map.of()));
    Map<String, String> env = JobEnv.forStore(store.settings());
    env.put(JobEnv.RUN_ID, "run-1");
    env.put(JobEnv.MANIFEST, manifest.toString());
    env.put(JobEnv.WORKERS, "2");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        new IndexBuildEntryPoint()
            .run(List.of(), env, new PrintStream(new ByteArrayOutputStream(), true),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
    gateway = BucketGateway.start(s3, 0, served::add);
    browser = Chromium.start();
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (gateway != null) {
      gateway.close();
    }
    if (s3 != null) {
      s3.close();
      store.close();
    }
  }

  /**
   * A band around {@code level} with pseudo-random noise of 0..255 per pixel, well mixed (murmur3's finaliser) so that
   * DEFLATE cannot squeeze it away: the COGs are about as large as real reflectance of their size.
   */
  static IntBinaryOperator noisy(int level) {
    return (x, y) -> {
      int h = x * 0x9e3779b1 + y * 0x85ebca6b;
      h ^= h >>> 16;
      h *= 0x85ebca6b;
      h ^= h >>> 13;
      h *= 0xc2b2ae35;
      h ^= h >>> 16;
      return level + (h & 0xff);
    };
  }

  private S3Location page() {
    return new OutputNames(layout).mapPage(layout.raw(), TILE);
  }

  /** Waits until the map has finished drawing this scene in this mode; returns the page's status. */
  private JsonNode rendered(SceneId scene, String colour, boolean clouds) throws Exception {
    String condition =
        "(() => { const r = window.sceneliftMap && window.sceneliftMap.rendered; return !!r && r.scene === '" + scene
            + "' && r.colour === '" + colour + "' && r.clouds === " + clouds + "; })()";
    Instant deadline = Instant.now().plusSeconds(30);
    while (!browser.eval(condition).asBoolean()) {
      assertThat(Instant.now()).as("map never finished drawing " + scene + " " + colour + ": "
          + browser.eval("JSON.stringify(window.sceneliftMap && window.sceneliftMap.state())") + " requests "
          + served.size()).isBefore(deadline);
      Thread.sleep(25);
    }
    // the page's own marks, and from the browser's resource timings when the COGs' first bytes were asked for and when
    // the first tile's bytes (the first range response begun after the headers were read) arrived
    return status();
  }

  /** The page's marks (ms since navigation start), with the SR COGs' first request and first tile bytes. */
  private JsonNode status() throws Exception {
    return browser.eval(
        "(() => { const m = sceneliftMap; const all = performance.getEntriesByType('resource');"
            + " const previews = all.filter(e => e.name.endsWith('" + OutputNames.MAP_PREVIEW_SUFFIX + "'));"
            + " const cogs = all.filter(e => e.name.endsWith('.tif') && !previews.includes(e));"
            + " const tiles = cogs.filter(e => e.startTime >= m.firstSourceReadyAt).map(e => e.responseEnd);"
            + " return {loadedAt: m.loadedAt, first: m.firstSceneRenderedAt, firstFrom: m.firstSceneFrom,"
            + " coarse: m.firstCoarseRenderedAt, sharp: m.firstSharpRenderedAt, previewDrawn: m.previewDrawn,"
            + " previewAsked: m.firstPreviewAskedAt, previewHeaders: m.firstPreviewHeadersAt,"
            + " previewDecoded: m.firstPreviewDecodedAt,"
            + " previewBytes: previews.length ? Math.min(...previews.map(e => e.responseEnd)) : null,"
            + " errors: m.errors, script: m.scriptAt, headersAsked: cogs.length ? Math.min(...cogs.map(e => e.startTime))"
            + " : null, sourceReady: m.firstSourceReadyAt, tileAsked: m.firstTileRequestedAt,"
            + " tileBytes: tiles.length ? Math.min(...tiles) : null, firstTile: m.firstTileAt, lastTile: m.lastTileAt};"
            + " })()");
  }

  /** The mean colour of a 9x9 patch of the screenshot around the map pixel of an Albers coordinate. */
  private int[] colourAt(double x, double y) throws Exception {
    JsonNode px = browser.eval("(() => { const m = sceneliftMap.map; const p = m.getPixelFromCoordinate([" + x + ", "
        + y + "]); const r = m.getTargetElement().getBoundingClientRect(); return [p[0] + r.left, p[1] + r.top]; })()");
    byte[] png = browser.screenshot();
    BufferedImage shot = ImageIO.read(new ByteArrayInputStream(png));
    int cx = (int) Math.round(px.get(0).asDouble());
    int cy = (int) Math.round(px.get(1).asDouble());
    long[] sum = new long[3];
    for (int dy = -4; dy <= 4; dy++) {
      for (int dx = -4; dx <= 4; dx++) {
        int rgb = shot.getRGB(cx + dx, cy + dy);
        sum[0] += (rgb >> 16) & 0xff;
        sum[1] += (rgb >> 8) & 0xff;
        sum[2] += rgb & 0xff;
      }
    }
    return new int[] {(int) (sum[0] / 81), (int) (sum[1] / 81), (int) (sum[2] / 81)};
  }

  private void keep(String name) throws Exception {
    Path dir = Path.of("target", "browser");
    Files.createDirectories(dir);
    Files.write(dir.resolve(name + ".png"), browser.screenshot());
  }

  private double centreX() {
    return TILE.upperLeftX() + Tile.SIZE_METRES * 0.75;
  }

  private double centreY() {
    return TILE.upperLeftY() - Tile.SIZE_METRES / 2;
  }

  private long size(SceneId scene, String band) {
    S3Location cog = layout.cogObject(scene, Bundle.SR, scene + "_SR" + band + ".tif");
    return s3.headObject(b -> b.bucket(cog.bucket()).key(cog.key())).contentLength();
  }

  @Test
  void mapDrawsEachSceneFromItsCogsByRangeAndSwitchesScenesAndColours() throws Exception {
    served.clear();
    browser.navigate(gateway.url(page()));
    JsonNode first = rendered(BLUE, "true", false);
    assertThat(first.get("errors")).isEmpty();
    List<ServedRequest> firstView = List.copyOf(served);
    keep("map-blue");
    int[] blue = colourAt(centreX(), centreY());
    assertThat(blue[2]).as("the newest scene (blue) is drawn first: %s", List.of(blue[0], blue[1], blue[2]))
        .isGreaterThan(blue[0] + 60).isGreaterThan(blue[1] + 60);

    // bytes and requests of the first view, per file of the scene: its map preview and its 3 SR COGs
    String previewPath = BucketGateway.pathOf(new OutputNames(layout).mapPreview(BLUE));
    List<ServedRequest> preview = firstView.stream().filter(r -> r.path().equals(previewPath)).toList();
    assertThat(preview).as(previewPath).isNotEmpty()
        .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(206));
    long previewBytes = preview.stream().mapToLong(ServedRequest::bytes).sum();
    long bytes = previewBytes;
    long size = 0;
    int ranges = preview.size();
    for (String band : List.of("B4", "B3", "B2")) {
      String path = BucketGateway.pathOf(layout.cogObject(BLUE, Bundle.SR, BLUE + "_SR" + band + ".tif"));
      List<ServedRequest> mine = firstView.stream().filter(r -> r.path().equals(path)).toList();
      assertThat(mine).as(path).isNotEmpty().allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(206));
      bytes += mine.stream().mapToLong(ServedRequest::bytes).sum();
      ranges += mine.size();
      size += size(BLUE, band);
    }
    double first1 = first.get("first").asDouble();
    double sharp = first.path("sharp").asDouble();
    double loaded = first.get("loadedAt").isNull() ? first1 : first.get("loadedAt").asDouble();
    System.out.printf(
        "map: first view of %s: %d range requests (%d of them its map preview's), %d bytes (%d of them the map"
            + " preview's) of its 3 SR COGs' %d (%.1f%%); first scene render (the map preview, 2D canvas) %.0f ms after"
            + " load, drawn sharp by the SR layer (WebGL) %.0f ms after load (%.0f and %.0f ms after navigation start;"
            + " Chromium with software WebGL on a shared 2-core machine)%n",
        BLUE, ranges, preview.size(), bytes, previewBytes, size, 100.0 * bytes / size, Math.max(0, first1 - loaded),
        Math.max(0, sharp - loaded), first1, sharp);
    System.out.printf(
        "map: first view's steps, ms after navigation start: script ran %.0f, map preview asked %.0f, load event %.0f,"
            + " its first bytes arrived %.0f, its headers read %.0f, decoded %.0f, drawn %.0f (the first scene render);"
            + " SR COG headers asked %.0f,"
            + " read %.0f, first tile asked %.0f, its bytes arrived %.0f, decoded %.0f, coarse overview drawn %.0f,"
            + " last tile %.0f, drawn from the nearest level %.0f%n",
        first.path("script").asDouble(), first.path("previewAsked").asDouble(), loaded,
        first.path("previewBytes").asDouble(), first.path("previewHeaders").asDouble(), first.path("previewDecoded").asDouble(), first1,
        first.path("headersAsked").asDouble(), first.path("sourceReady").asDouble(),
        first.path("tileAsked").asDouble(), first.path("tileBytes").asDouble(), first.path("firstTile").asDouble(),
        first.path("coarse").asDouble(), first.path("lastTile").asDouble(), sharp);
    assertThat(first.path("firstFrom").asText()).as("the first scene render is the map preview's").isEqualTo("preview");
    assertThat(first1).as("the map preview is on screen before the SR layer's coarse overview")
        .isLessThan(first.path("coarse").asDouble());
    assertThat(first.path("coarse").asDouble()).as("the coarse overview is on screen before the nearest level is")
        .isLessThan(sharp);
    assertThat(bytes).as("a low-zoom view reads overviews: a small part of the files").isLessThan(size / 3);

    browser.clickOn("#scenes button[data-scene='" + RED + "']");
    rendered(RED, "true", false);
    keep("map-red");
    int[] red = colourAt(centreX(), centreY());
    assertThat(red[0]).as("switched to the red scene: %s", List.of(red[0], red[1], red[2]))
        .isGreaterThan(red[1] + 60).isGreaterThan(red[2] + 60);

    browser.clickOn("input[name=colour][value=false]");
    rendered(RED, "false", false);
    keep("map-red-false-colour");
    int[] falseColour = colourAt(centreX(), centreY());
    assertThat(falseColour[1]).as("false colour: NIR and red high, green low: %s",
        List.of(falseColour[0], falseColour[1], falseColour[2])).isGreaterThan(falseColour[2] + 60);
    assertThat(falseColour[0]).isGreaterThan(falseColour[2] + 60);
    browser.clickOn("input[name=colour][value=true]");
    rendered(RED, "true", false);
  }

  @Test
  void mapPreviewAloneDrawsTheScenesColoursBeforeTheSrLayer() throws Exception {
    // the SR COGs cannot be read: what is on screen is the map preview's
    browser.call("Network.enable", Map.of());
    browser.call("Network.setBlockedURLs", Map.of("urls", List.of("*_SRB*.tif")));
    try {
      browser.navigate(gateway.url(page()));
      Instant deadline = Instant.now().plusSeconds(30);
      JsonNode s;
      while ((s = status()).path("previewDrawn").path("scene").asText().isEmpty()) {
        assertThat(Instant.now()).as("the map preview was never drawn: " + s).isBefore(deadline);
        Thread.sleep(25);
      }
      assertThat(s.path("previewDrawn").path("scene").asText()).isEqualTo(BLUE.toString());
      keep("map-blue-preview");
      int[] blue = colourAt(centreX(), centreY());
      assertThat(blue[2]).as("the map preview shows the blue scene: %s", List.of(blue[0], blue[1], blue[2]))
          .isGreaterThan(blue[0] + 60).isGreaterThan(blue[1] + 60);
      assertThat(status().path("coarse").isNull()).as("the SR layer has drawn nothing").isTrue();
      int[] outside = colourAt(TILE.upperLeftX() - Tile.SIZE_METRES / 20, centreY());
      assertThat(outside[2]).as("nothing is drawn beside the scene's extent: %s",
          List.of(outside[0], outside[1], outside[2])).isLessThan(outside[0] + 30);
    } finally {
      browser.call("Network.setBlockedURLs", Map.of("urls", List.of()));
    }
  }

  @Test
  void cloudMaskToggleOverlaysTheQaCloudPixelsOnly() throws Exception {
    browser.navigate(gateway.url(page()));
    rendered(BLUE, "true", false);
    browser.clickOn("#scenes button[data-scene='" + RED + "']");
    rendered(RED, "true", false);
    double cloudyX = TILE.upperLeftX() + Tile.SIZE_METRES / 4;
    int[] before = colourAt(cloudyX, centreY());
    int[] clearBefore = colourAt(centreX(), centreY());
    browser.clickOn("#clouds");
    rendered(RED, "true", true);
    keep("map-red-clouds");
    int[] after = colourAt(cloudyX, centreY());
    int[] clearAfter = colourAt(centreX(), centreY());
    assertThat(after[2]).as("cloud pixels turn magenta: %s -> %s", List.of(before[0], before[1], before[2]),
        List.of(after[0], after[1], after[2])).isGreaterThan(before[2] + 60);
    assertThat(clearAfter).as("clear pixels keep their colour").containsExactly(clearBefore);
  }

  @Test
  void pointerShowsTheBandValuesOfThePixelUnderIt() throws Exception {
    browser.navigate(gateway.url(page()));
    rendered(BLUE, "true", false);
    JsonNode px = browser.eval("(() => { const m = sceneliftMap.map; const p = m.getPixelFromCoordinate(["
        + centreX() + ", " + centreY() + "]); const r = m.getTargetElement().getBoundingClientRect();"
        + " return [p[0] + r.left, p[1] + r.top]; })()");
    browser.call("Input.dispatchMouseEvent",
        Map.of("type", "mouseMoved", "x", px.get(0).asDouble(), "y", px.get(1).asDouble()));
    Instant deadline = Instant.now().plusSeconds(20);
    String text;
    while (!(text = browser.eval("document.getElementById('readout').textContent").asText()).contains("B4 ")) {
      assertThat(Instant.now()).as(text).isBefore(deadline);
      Thread.sleep(25);
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("B4 (\\d+), B3 (\\d+), B2 (\\d+)").matcher(text);
    assertThat(m.find()).as(text).isTrue();
    // the blue scene's bands: 300, 700 and 2700 plus noise of 0..255 (averaged in overviews)
    assertThat(Integer.parseInt(m.group(1))).isBetween(300, 555);
    assertThat(Integer.parseInt(m.group(2))).isBetween(700, 955);
    assertThat(Integer.parseInt(m.group(3))).isBetween(2700, 2955);
    assertThat(text).contains("°");
  }

  @Test
  void stacFootprintsLineUpWithTheCogGridAndScenesWithoutCogsAreListedNotMapped() throws Exception {
    browser.navigate(gateway.url(page()));
    rendered(BLUE, "true", false);
    JsonNode fit = browser.eval("(async () => {"
        + " const item = await (await fetch('" + OutputNames.relative(page(), new OutputNames(layout).stacItem(BLUE))
        + "')).json();"
        + " const ring = item.geometry.coordinates[0].map(p => sceneliftMap.transform(p));"
        + " const xs = ring.map(p => p[0]), ys = ring.map(p => p[1]);"
        + " return {footprint: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],"
        + " cog: sceneliftMap.sceneExtent(), footprints: sceneliftMap.footprints}; })()");
    double[] tile = {TILE.upperLeftX(), TILE.upperLeftY() - Tile.SIZE_METRES, TILE.upperLeftX() + Tile.SIZE_METRES,
        TILE.upperLeftY()};
    for (int i = 0; i < 4; i++) {
      assertThat(fit.get("cog").get(i).asDouble()).as("the COG's grid in the view: " + fit).isCloseTo(tile[i],
          org.assertj.core.data.Offset.offset(0.01));
      assertThat(fit.get("footprint").get(i).asDouble()).as("the STAC footprint projected by proj4: " + fit)
          .isCloseTo(tile[i], org.assertj.core.data.Offset.offset(1.0));
    }
    assertThat(fit.get("footprints").asInt()).as("one footprint per STAC item").isEqualTo(2);
    JsonNode buttons = browser.eval("Array.from(document.querySelectorAll('#scenes button'))"
        + ".map(b => ({scene: b.dataset.scene, disabled: b.disabled}))");
    assertThat(buttons).hasSize(3);
    assertThat(buttons.findValuesAsText("scene")).containsExactly(RED.toString(), BLUE.toString(), RAW_ONLY.toString());
    assertThat(buttons.get(2).get("disabled").asBoolean()).as("no COGs: listed, not mapped").isTrue();
    assertThat(browser.eval("document.getElementById('thumbindex').href").asText()).endsWith("/thumbindex.html");
    // no CDN: every script and stylesheet comes from the bucket
    assertThat(browser.eval("Array.from(document.querySelectorAll('script[src], link[rel=stylesheet]'))"
        + ".map(e => e.src || e.href).filter(u => !u.startsWith(location.origin)).length").asInt()).isZero();
  }
}
