package dev.scenelift.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scenelift.browser.Chromium;
import dev.scenelift.collection.CollectionRules;
import dev.scenelift.collection.Membership;
import dev.scenelift.collection.TileCollection;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Sensor;
import dev.scenelift.scene.Tile;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Location;
import dev.scenelift.testing.SharedData;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The full tile's thumbindex.html at a whole tile's size, in headless Chromium: the 2357 scenes of h03v03's md5 list
 * (../shared/data), each with a thumbnail in the store and its cloud and fill from the tile's EarthExplorer export
 * where it lists the acquisition. The first view must load a bounded number of thumbnails, not 2357; the filters
 * must work over every scene; the plot must draw every point. Prints the page's size and load time.
 */
class ThumbIndexAtTileScaleTest {
  private static final Tile TILE = Tile.parse("h03v03");
  private static final Pattern ID = Pattern.compile("(L[TEC]0\\d_CU_003003_\\d{8}_\\d{8}_C01_V01)_[A-Z]{2}\\.tar");

  @Test
  void aWholeTilesPageLoadsAScreenfulOfThumbnailsAndFiltersEveryScene() throws Exception {
    assumeTrue(Chromium.installed(), "chromium is not installed (apt-get install -y chromium); browser tests skipped");
    List<SceneId> ids = scenes();
    assertThat(ids).hasSize(2357);
    Map<String, double[]> catalog = catalogFigures();
    KeyLayout layout = KeyLayout.inBucket("scenelift");
    OutputNames names = new OutputNames(layout, true);
    try (EmbeddedS3Store store = EmbeddedS3Store.inMemory();
        S3Client s3 = S3ClientFactory.create(store.settings())) {
      s3.createBucket(b -> b.bucket("scenelift"));
      Map<SceneId, SceneInputs> inputs = new TreeMap<>(java.util.Comparator.comparing(SceneId::toString));
      Map<SceneId, SceneRecord> records = new HashMap<>();
      byte[] png = thumbnail();
      Instant now = Instant.now();
      for (SceneId id : ids) {
        double[] f = catalog.getOrDefault(key(id), new double[] {Math.floorMod(id.toString().hashCode(), 1000) / 10.0, 30});
        Map<TileCollection, Membership> m =
            CollectionRules.DEFAULTS.judge(id.sensor(), Map.of("cloud", f[0], "shadow", 0.0, "fill", f[1]));
        Set<String> in = new TreeSet<>();
        m.forEach((c, v) -> { if (v.member()) in.add(c.id()); });
        records.put(id, new SceneRecord("fp", true, m.get(TileCollection.CLOUD_FREE).member(),
            m.get(TileCollection.CLOUD_FREE).reason(), f[0], f[1], true, false, false, List.of(), in));
        inputs.put(id, new SceneInputs(id,
            List.of(new ListedObject(layout.cloudVerdict(id).key(), 100, now, "e")), List.of()));
        put(s3, names.smallThumb(id), png, "image/png");
      }
      Map<TileCollection, Integer> counts = new EnumMap<>(TileCollection.class);
      for (TileCollection c : TileCollection.values()) {
        counts.put(c, (int) records.values().stream().filter(r -> r.in(c)).count());
      }
      String html =
          new ThumbIndexPage(new Templates(), names)
              .render(TileCollection.FULL, TILE, inputs, records, Set.of(), List.of(), false,
                  new CollectionNav(names, TILE, CollectionRules.DEFAULTS, counts));
      S3Location page = names.thumbIndex(TileCollection.FULL, TILE);
      put(s3, page, html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");

      try (BucketGateway gateway = BucketGateway.start(s3, 0);
          Chromium browser = Chromium.start()) {
        long started = System.nanoTime();
        browser.navigate(gateway.url(page));
        double loadMs = (System.nanoTime() - started) / 1e6;
        String images = "performance.getEntriesByType('resource').filter(e => e.initiatorType === 'img').length";
        // lazy images start once layout is done: wait until the count has been still for half a second
        browser.eval(
            "new Promise(done => { let last = -1, still = 0; const t = setInterval(() => {"
                + " const n = " + images + "; still = n === last ? still + 1 : 0; last = n;"
                + " if (still >= 5) { clearInterval(t); done(n); } }, 100); })");
        int firstView = browser.eval(images).asInt();
        double domMs = browser.eval(
            "(() => { const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime; })()")
            .asDouble();
        long pageBytes = html.getBytes(StandardCharsets.UTF_8).length;
        System.out.printf(Locale.ROOT,
            "thumbindex at tile scale: %d scenes, page %d bytes (%.2f MB), load event %.0f ms (navigate %.0f ms),"
                + " %d thumbnails requested on first view (measured on a shared 2-core machine under load)%n",
            ids.size(), pageBytes, pageBytes / 1e6, domMs, loadMs, firstView);
        saveScreenshot(browser, "thumbindex-2357");

        assertThat(firstView).as("thumbnails loaded on first view").isPositive()
            .isLessThanOrEqualTo(ThumbIndexPage.GRID_PAGE);
        assertThat(browser.eval("document.querySelectorAll('#grid .card').length").asInt())
            .isEqualTo(ThumbIndexPage.GRID_PAGE);
        assertThat(browser.eval("document.querySelectorAll('#plot circle.pt').length").asInt())
            .as("every scene with a cloud figure is a point").isEqualTo(ids.size());
        assertThat(browser.eval("document.querySelectorAll('#plot rect.bar').length").asInt())
            .as("one density bar per year").isEqualTo((int) ids.stream().map(i -> i.acquired().getYear()).distinct().count());
        assertThat(browser.eval("document.getElementById('shown').textContent").asText())
            .isEqualTo(ids.size() + " shown");

        // the year filter works over all scenes, not only those drawn
        long in2000 = ids.stream().filter(i -> i.acquired().getYear() == 2000).count();
        browser.eval("(() => { const s = document.getElementById('year'); s.value = '2000';"
            + " s.dispatchEvent(new Event('change')); })()");
        assertThat(browser.eval("document.getElementById('shown').textContent").asText()).isEqualTo(in2000 + " shown");
        assertThat(browser.eval("Array.from(document.querySelectorAll('#grid .card')).every(c =>"
            + " c.getAttribute('data-year') === '2000')").asBoolean()).isTrue();
        assertThat(browser.eval("Array.from(document.querySelectorAll('#plot .pt')).filter(p =>"
            + " p.style.display !== 'none').length").asInt()).isEqualTo((int) in2000);

        // back to every year, without LE07: the count is every other sensor's
        browser.eval("(() => { const s = document.getElementById('year'); s.value = '';"
            + " s.dispatchEvent(new Event('change')); })()");
        browser.clickOn("input.sensor[value=LE07]");
        long notLe07 = ids.stream().filter(i -> i.sensor() != Sensor.LE07).count();
        assertThat(browser.eval("document.getElementById('shown').textContent").asText()).isEqualTo(notLe07 + " shown");

        // scrolling to the end of the grid adds the next page of cards
        browser.eval("window.scrollTo(0, document.body.scrollHeight)");
        browser.eval("new Promise(r => setTimeout(r, 500))");
        assertThat(browser.eval("document.querySelectorAll('#grid .card').length").asInt())
            .isGreaterThan(ThumbIndexPage.GRID_PAGE);
        assertThat(browser.eval("document.querySelectorAll('#grid .card').length").asInt())
            .isLessThan((int) notLe07);
      }
    }
  }

  /** The scene ids of the md5 list, each once. */
  private static List<SceneId> scenes() throws Exception {
    Set<String> ids = new TreeSet<>();
    for (String line : Files.readAllLines(SharedData.file("h03v03.md5_list"))) {
      Matcher m = ID.matcher(line);
      if (m.find()) {
        ids.add(m.group(1));
      }
    }
    List<SceneId> out = new ArrayList<>();
    ids.forEach(i -> out.add(SceneId.parse(i)));
    return out;
  }

  /** Cloud and fill % of the EarthExplorer export, by sensor and acquisition date. */
  private static Map<String, double[]> catalogFigures() throws Exception {
    Map<String, double[]> out = new HashMap<>();
    List<String> lines =
        Files.readAllLines(SharedData.file("h03v03-earthexplorer-metadata.csv"), StandardCharsets.ISO_8859_1);
    for (String line : lines.subList(1, lines.size())) {
      String[] cols = line.split(",");
      String sensor = cols[0].substring(0, 4);
      LocalDate date = LocalDate.parse(cols[1].replace('/', '-'));
      out.put(sensor + date, new double[] {Double.parseDouble(cols[6]), Double.parseDouble(cols[9])});
    }
    return out;
  }

  private static String key(SceneId id) {
    return id.sensor().name() + id.acquired();
  }

  private static byte[] thumbnail() throws Exception {
    BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    var g = img.createGraphics();
    g.setColor(new Color(70, 120, 60));
    g.fillRect(0, 0, 64, 64);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  private static void put(S3Client s3, S3Location loc, byte[] body, String type) {
    s3.putObject(b -> b.bucket(loc.bucket()).key(loc.key()).contentType(type), RequestBody.fromBytes(body));
  }

  private static void saveScreenshot(Chromium browser, String name) throws Exception {
    Path dir = Path.of("target", "browser");
    Files.createDirectories(dir);
    Files.write(dir.resolve(name + ".png"), browser.screenshot());
  }
}
