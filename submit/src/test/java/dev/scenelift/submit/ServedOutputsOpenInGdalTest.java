package dev.scenelift.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scenelift.engine.EntryPoints;
import dev.scenelift.gdal.Gdal;
import dev.scenelift.gdal.GdalDataset;
import dev.scenelift.json.Json;
import dev.scenelift.source.Catalogs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.gdal.gdal.Dataset;
import org.gdal.gdalconst.gdalconstConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What {@code serve} serves, read by GDAL's own command-line tools (gdal-bin) as a user would: a real synthetic run
 * (all four jobs), then {@code serve --access-log}; every URL it prints and every asset href of the served STAC
 * catalog is read through {@code /vsicurl/}, a window of it compared with the store's file, and the requests the
 * gateway saw for it counted. The printed {@code /vsis3/} settings open a COG straight from the embedded store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServedOutputsOpenInGdalTest {
  /**
   * What GDAL needs for one file opened with {@code GDAL_DISABLE_READDIR_ON_OPEN=EMPTY_DIR}: a HEAD for the size, a
   * GET of the first 16 KB (a COG's header and IFDs are there), and a GET per run of adjacent tiles the window
   * touches (one here: the window lies in one 256-pixel tile). One more is allowed for a header past 16 KB.
   */
  static final int MAX_REQUESTS_PER_COG = 4;

  /** GDAL's {@code /vsicurl/} reads in chunks of this size (CPL_VSIL_CURL_CHUNK_SIZE's default). */
  static final int CHUNK = 16384;

  /**
   * What GDAL needs for a file it reads from its start (a page through a raw VRT, a PNG thumbnail): one GET per chunk,
   * and up to three HEADs, since the VRT's source is looked up more than once on opening.
   */
  static long maxRequestsReadingFromTheStart(long size) {
    return 3 + (size + CHUNK - 1) / CHUNK;
  }

  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final ExecutorService server = Executors.newSingleThreadExecutor();
  private final HttpClient http = HttpClient.newHttpClient();
  private final StringWriter serveOut = new StringWriter();
  private final StringWriter serveErr = new StringWriter();
  private Path home;
  private Path store;
  private Future<Integer> serving;

  @BeforeAll
  void runATileAndServeIt(@TempDir Path tmp) throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/gdal_translate")), "gdal-bin is not installed; skipped");
    home = tmp;
    Path dataDir = home.resolve("data");
    store = dataDir.resolve("store");
    StringWriter runErr = new StringWriter();
    CommandLine run = commandLine(new StringWriter(), runErr);
    int exit =
        run.execute("--tile", "h03v03", "--synthetic-size", "512", "--data-dir", dataDir.toString(), "--port", "0");
    assertThat(exit).as(runErr.toString()).isZero();

    CommandLine serve = commandLine(serveOut, serveErr);
    serving =
        server.submit(
            () ->
                serve.execute("serve", "--tile", "h03v03", "--data-dir", dataDir.toString(), "--port", "0",
                    "--http-port", "0", "--access-log"));
    Instant deadline = Instant.now().plusSeconds(60);
    while (!serveOut.toString().contains("serving ")) {
      assertThat(serving.isDone()).as("serve ended early: " + serveErr).isFalse();
      assertThat(Instant.now()).as("serve printed nothing: " + serveErr).isBefore(deadline);
      Thread.sleep(20);
    }
  }

  @AfterAll
  void stopServing() throws Exception {
    if (serving != null) {
      serving.cancel(true);
    }
    server.shutdown();
    assertThat(server.awaitTermination(30, TimeUnit.SECONDS)).as("serve stops when interrupted").isTrue();
    executor.shutdownNow();
  }

  private CommandLine commandLine(StringWriter out, StringWriter err) {
    SubmitContext context =
        new SubmitContext(Map.of(), home, false, executor, this::realJobs, Catalogs::forSource, Clock.systemUTC(),
            Duration.ofMillis(50));
    CommandLine cmd = SubmitRun.commandLine(context);
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd;
  }

  /** The jobs the images run, not the test's scripted stand-ins registered beside them. */
  private EntryPoints realJobs() {
    return EntryPoints.load(getClass().getClassLoader(), c -> !c.getName().startsWith("dev.scenelift.testjobs."));
  }

  private List<String> printed(String prefix) {
    return serveOut.toString().lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).strip())
        .toList();
  }

  @Test
  void everyPrintedUrlReadsAByteWindowThroughVsicurl() throws Exception {
    List<URI> urls = new ArrayList<>();
    printed("open:").forEach(u -> urls.add(URI.create(u)));
    printed("stac:").forEach(u -> urls.add(URI.create(u)));
    assertThat(urls).anyMatch(u -> u.getPath().endsWith("/thumbindex.html")).anyMatch(u -> u.getPath().endsWith("/catalog.json"));
    for (URI url : urls) {
      Path local = local(url);
      byte[] bytes = Files.readAllBytes(local);
      int line = 64;
      int rows = bytes.length / line;
      int from = rows / 2;
      int count = Math.max(1, Math.min(16, rows / 4));
      Path vrt = home.resolve("raw-" + local.getFileName() + ".vrt");
      // a raw-band VRT: GDAL reads the page's bytes as a 64-byte-wide Byte raster through /vsicurl/
      Files.writeString(
          vrt,
          "<VRTDataset rasterXSize=\"" + line + "\" rasterYSize=\"" + rows + "\">"
              + "<VRTRasterBand dataType=\"Byte\" band=\"1\" subClass=\"VRTRawRasterBand\">"
              + "<SourceFilename relativeToVRT=\"0\">/vsicurl/" + url + "</SourceFilename>"
              + "<ImageOffset>0</ImageOffset><PixelOffset>1</PixelOffset><LineOffset>" + line + "</LineOffset>"
              + "</VRTRasterBand></VRTDataset>");
      Path window = home.resolve("window-" + local.getFileName() + ".tif");
      List<String[]> requests =
          gdal(url, "gdal_translate", "-q", "-srcwin", "0", Integer.toString(from), Integer.toString(line),
              Integer.toString(count), vrt.toString(), window.toString());
      int[] expected = new int[line * count];
      for (int i = 0; i < expected.length; i++) {
        expected[i] = bytes[from * line + i] & 0xff;
      }
      assertThat(pixels(window.toString(), 0, 0, line, count)).as(url.toString()).isEqualTo(expected);
      report(url, requests, bytes.length);
      assertThat((long) requests.size()).as(url.toString()).isLessThanOrEqualTo(maxRequestsReadingFromTheStart(bytes.length));
    }
  }

  @Test
  void everyStacAssetOfTheServedCatalogReadsAPixelWindowWithFewRequests() throws Exception {
    URI catalog = URI.create(printed("stac:").get(0));
    Set<URI> assets = new LinkedHashSet<>();
    for (URI collection : links(catalog, "child")) {
      for (URI item : links(collection, "item")) {
        for (JsonNode asset : document(item).get("assets")) {
          assets.add(item.resolve(asset.get("href").asText()));
        }
      }
    }
    assertThat(assets).as("the clear scene's COGs and thumbnails").hasSizeGreaterThan(10)
        .anyMatch(u -> u.getPath().endsWith("_SRB4.tif")).anyMatch(u -> u.getPath().endsWith(".png"));
    long readOfLargeCogs = 0;
    long sizeOfLargeCogs = 0;
    for (URI asset : assets) {
      Path local = local(asset);
      int[] size = rasterSize(local.toString());
      int w = Math.min(64, size[0] / 2);
      int h = Math.min(64, size[1] / 2);
      int x = size[0] / 2;
      int y = size[1] / 2;
      Path window = home.resolve("window-" + local.getFileName() + ".tif");
      List<String[]> requests =
          gdal(asset, "gdal_translate", "-q", "-srcwin", Integer.toString(x), Integer.toString(y), Integer.toString(w),
              Integer.toString(h), "/vsicurl/" + asset, window.toString());
      assertThat(pixels(window.toString(), 0, 0, w, h))
          .as(asset.toString())
          .isEqualTo(pixels(local.toString(), x, y, w, h));
      long size0 = Files.size(local);
      report(asset, requests, size0);
      if (!asset.getPath().endsWith(".tif")) {
        assertThat((long) requests.size()).as(asset.toString()).isLessThanOrEqualTo(maxRequestsReadingFromTheStart(size0));
        continue;
      }
      assertThat(requests).as(asset.toString()).hasSizeLessThanOrEqualTo(MAX_REQUESTS_PER_COG);
      if (size0 > 64 * 1024) {
        readOfLargeCogs += bytes(requests);
        sizeOfLargeCogs += size0;
        // the window lies in one of the four 256-pixel tiles: about a quarter of the file, plus the header
        assertThat(bytes(requests)).as(asset + ": bytes read for one window").isLessThan(size0 / 2);
      }
    }
    assertThat(sizeOfLargeCogs).isPositive();
    System.out.printf("vsicurl: %d assets; the COGs over 64 KB: %d of %d bytes read for one window each%n",
        assets.size(), readOfLargeCogs, sizeOfLargeCogs);
  }

  @Test
  void thePrintedVsis3SettingsOpenACogStraightFromTheStore() throws Exception {
    String line = printed("gdal: AWS_").get(0);
    List<String> words = List.of(("AWS_" + line).split(" "));
    Map<String, String> env = new LinkedHashMap<>();
    int i = 0;
    for (; words.get(i).contains("="); i++) {
      String[] kv = words.get(i).split("=", 2);
      env.put(kv[0], kv[1]);
    }
    assertThat(words.get(i)).isEqualTo("gdalinfo");
    String path = words.get(i + 1);
    assertThat(path).startsWith("/vsis3/scenelift/cog/h03v03/").endsWith(".tif");
    assertThat(env).containsEntry("AWS_NO_SIGN_REQUEST", "YES").containsEntry("AWS_VIRTUAL_HOSTING", "FALSE")
        .containsEntry("AWS_HTTPS", "NO").containsKey("AWS_S3_ENDPOINT");

    Process info = process(env, "gdalinfo", path);
    String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(info.waitFor()).as(text).isZero();
    assertThat(text).contains("Driver: GTiff/GeoTIFF", "Size is 512, 512");

    Path window = home.resolve("vsis3-window.tif");
    Process translate =
        process(env, "gdal_translate", "-q", "-srcwin", "300", "20", "64", "64", path, window.toString());
    String said = new String(translate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(translate.waitFor()).as(said).isZero();
    Path local = store.resolve(path.substring("/vsis3/".length()));
    assertThat(pixels(window.toString(), 0, 0, 64, 64)).isEqualTo(pixels(local.toString(), 300, 20, 64, 64));
  }

  /**
   * Runs a GDAL tool with {@code /vsicurl/}'s settings for a file that stands alone, and returns the requests the
   * gateway logged meanwhile, each as {method, path, [range,] status, bytes}; all must be for {@code url}.
   */
  private List<String[]> gdal(URI url, String... command) throws Exception {
    int before = serveErr.toString().lines().toList().size();
    Process p =
        process(Map.of("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR", "CPL_VSIL_CURL_ALLOWED_EXTENSIONS",
            ".tif,.png,.html,.json"), command);
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", command) + ": " + said).isZero();
    List<String> lines = serveErr.toString().lines().toList();
    List<String[]> requests = lines.subList(before, lines.size()).stream().map(l -> l.split(" ")).toList();
    for (String[] r : requests) {
      assertThat(r[1]).as("GDAL asked only for the file it opened").isEqualTo(url.getRawPath());
      assertThat(r[r.length - 2]).as(String.join(" ", r)).isIn("200", "206");
    }
    return requests;
  }

  private static Process process(Map<String, String> env, String... command) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("GDAL_") || k.startsWith("CPL_"));
    pb.environment().putAll(env);
    return pb.start();
  }

  private static long bytes(List<String[]> requests) {
    return requests.stream().mapToLong(r -> Long.parseLong(r[r.length - 1])).sum();
  }

  private static void report(URI url, List<String[]> requests, long size) {
    String path = url.getPath();
    System.out.printf("vsicurl: %-60s %d requests, %d of %d bytes%n", path.substring(path.lastIndexOf('/') + 1),
        requests.size(), bytes(requests), size);
  }

  /** The store's file behind a gateway URL (a folder stands for its AAlist.html). */
  private Path local(URI url) {
    String path = URLDecoder.decode(url.getRawPath(), StandardCharsets.UTF_8).substring(1);
    return store.resolve(path.endsWith("/") ? path + "AAlist.html" : path);
  }

  private JsonNode document(URI url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(url.toString()).isEqualTo(200);
    return Json.mapper().readTree(r.body());
  }

  private List<URI> links(URI doc, String rel) throws Exception {
    List<URI> out = new ArrayList<>();
    for (JsonNode l : document(doc).get("links")) {
      if (rel.equals(l.get("rel").asText())) {
        out.add(doc.resolve(l.get("href").asText()));
      }
    }
    assertThat(out).as(rel + " links of " + doc).isNotEmpty();
    return out;
  }

  private static int[] rasterSize(String file) {
    Gdal.init();
    try (GdalDataset ds = GdalDataset.openReadOnly(file)) {
      return new int[] {ds.get().getRasterXSize(), ds.get().getRasterYSize()};
    }
  }

  /** Every band's pixels of a window, band after band. */
  private static int[] pixels(String file, int x, int y, int w, int h) {
    Gdal.init();
    try (GdalDataset owned = GdalDataset.openReadOnly(file)) {
      Dataset ds = owned.get();
      int[] out = new int[w * h * ds.getRasterCount()];
      int[] band = new int[w * h];
      for (int b = 1; b <= ds.getRasterCount(); b++) {
        ds.GetRasterBand(b).ReadRaster(x, y, w, h, w, h, gdalconstConstants.GDT_Int32, band);
        System.arraycopy(band, 0, out, (b - 1) * w * h, w * h);
      }
      return out;
    }
  }
}
