package dev.scenelift.index;

import static dev.scenelift.index.IndexedTile.L5;
import static dev.scenelift.index.IndexedTile.L8;
import static dev.scenelift.index.IndexedTile.TILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scenelift.browser.Chromium;
import dev.scenelift.store.S3Location;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages in a real browser: headless Debian Chromium loads thumbindex.html and AAlist.html over HTTP from the
 * embedded store (through {@link BucketGateway}, since the store only answers signed requests).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserPagesTest {
  static final String HOSTILE = "h03v03/odd/<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2<script>.txt";

  private IndexedTile tile;
  private BucketGateway gateway;
  private Chromium browser;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    assumeTrue(Chromium.installed(), "chromium is not installed (apt-get install -y chromium); browser tests skipped");
    tile = new IndexedTile(tmp);
    tile.fixture.put(tile.layout.raw().resolve(HOSTILE), "x".getBytes(), "text/plain");
    assertThat(tile.run()).as(tile.lastErr).isZero();
    gateway = BucketGateway.start(tile.s3, 0);
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
    if (tile != null) {
      tile.close();
    }
  }

  private void open(S3Location page) throws Exception {
    browser.navigate(gateway.url(page));
    // wait for every image to finish, loaded or not
    browser.eval(
        "Promise.all(Array.from(document.images).map(i => i.complete ? 0"
            + " : new Promise(r => { i.onload = r; i.onerror = r; })))");
  }

  private List<String> links() throws Exception {
    List<String> out = new ArrayList<>();
    browser.eval("Array.from(document.querySelectorAll('a[href]')).map(a => a.href)").forEach(n -> out.add(n.asText()));
    return out;
  }

  private List<String> brokenLinks() throws Exception {
    List<String> broken = new ArrayList<>();
    for (String href : links()) {
      int status =
          http.send(HttpRequest.newBuilder(URI.create(href)).GET().build(), HttpResponse.BodyHandlers.discarding())
              .statusCode();
      if (status != 200) {
        broken.add(status + " " + href);
      }
    }
    return broken;
  }

  /** Checks the screenshot and keeps it under target/browser/ for people to look at. */
  private void assertScreenshotNotBlank(String name) throws Exception {
    byte[] png = browser.screenshot();
    java.nio.file.Path dir = java.nio.file.Path.of("target", "browser");
    java.nio.file.Files.createDirectories(dir);
    java.nio.file.Files.write(dir.resolve(name + ".png"), png);
    BufferedImage shot = ImageIO.read(new ByteArrayInputStream(png));
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < shot.getHeight(); y += 4) {
      for (int x = 0; x < shot.getWidth(); x += 4) {
        colours.add(shot.getRGB(x, y));
      }
    }
    assertThat(colours.size()).as("distinct colours in the screenshot").isGreaterThan(20);
  }

  @Test
  void thumbIndexShowsEveryThumbnailPlotAndWorkingLinks() throws Exception {
    open(tile.names().thumbIndex(TILE));
    JsonNode images =
        browser.eval("Array.from(document.images).map(i => ({src: i.src, ok: i.complete && i.naturalWidth > 0}))");
    assertThat(images.size()).as("one thumbnail per scene with bands").isEqualTo(2);
    images.forEach(i -> assertThat(i.get("ok").asBoolean()).as(i.get("src").asText()).isTrue());
    assertThat(browser.eval("document.querySelectorAll('#plot circle.pt').length").asInt()).isEqualTo(2);
    assertThat(browser.eval("document.querySelectorAll('.card .placeholder').length").asInt())
        .as("the missing scene is a placeholder, not an image")
        .isEqualTo(1);
    assertThat(links()).anyMatch(h -> h.endsWith(L8 + "_stac-item.json")).anyMatch(h -> h.endsWith("_thumb_large.png"));
    assertThat(brokenLinks()).isEmpty();
    assertScreenshotNotBlank("thumbindex");
  }

  @Test
  void everyPageASummaryPrintsOpensThroughTheGateway() throws Exception {
    for (S3Location page : IndexPages.of(tile.layout, TILE)) {
      HttpResponse<String> r =
          http.send(HttpRequest.newBuilder(gateway.url(page)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(page.toString()).isEqualTo(200);
      assertThat(r.body()).as(page.toString()).startsWith("<!DOCTYPE html>");
    }
  }

  @Test
  void clickingASensorFilterHidesThatSensorsScenes() throws Exception {
    open(tile.names().thumbIndex(TILE));
    String visible = "Array.from(document.querySelectorAll('#grid .card')).filter(c => c.offsetParent !== null).length";
    assertThat(browser.eval(visible).asInt()).isEqualTo(3);
    browser.clickOn("input.sensor[value=LC08]");
    assertThat(browser.eval(visible).asInt()).isEqualTo(2);
    assertThat(browser.eval("document.getElementById('shown').textContent").asText()).isEqualTo("2 shown");
    assertThat(browser.eval("Array.from(document.querySelectorAll('#plot circle.pt')).filter(c => c.style.display !== 'none').length").asInt())
        .isEqualTo(1);
  }

  @Test
  void listingPagesLoadSortAndLinkToEveryObject() throws Exception {
    open(tile.layout.raw().resolve("AAlist.html"));
    assertScreenshotNotBlank("raw-AAlist");
    assertThat(browser.eval("document.getElementById('totals').textContent").asText()).contains("objects");
    assertThat(brokenLinks()).isEmpty();
    open(tile.layout.sceneDir(tile.layout.raw(), L5).resolve("AAlist.html"));
    String names = "Array.from(document.querySelectorAll('#objects tbody tr td:first-child')).map(t => t.textContent).join(',')";
    String before = browser.eval(names).asText();
    browser.clickOn("#objects th:nth-child(2)");
    browser.clickOn("#objects th:nth-child(2)");
    assertThat(browser.eval(names).asText()).as("sorted by size, descending").isNotEqualTo(before);
    assertThat(brokenLinks()).isEmpty();
  }

  @Test
  void hostileObjectNameIsShownAsTextAndNeverRuns() throws Exception {
    open(tile.layout.raw().resolve("h03v03/odd/AAlist.html"));
    assertThat(browser.eval("typeof window.__pwned").asText()).isEqualTo("undefined");
    assertThat(browser.eval("document.body.innerText").asText()).contains("<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2<script>.txt");
    assertThat(brokenLinks()).isEmpty();
  }
}
