package dev.scenelift.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scenelift.json.Json;
import dev.scenelift.scene.SceneId;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A STAC API on loopback, answering as USGS's LandsatLook stac-server does (an Element 84 stac-server): a landing page
 * with {@code conformsTo} (Query extension included) and a {@code search} link, {@code /collections/<id>} (404 for
 * unknown ones), and {@code POST /search} returning FeatureCollections with {@code context}, {@code numberMatched},
 * {@code numberReturned} and a {@code next} link: page 2's is a GET link with a {@code next} token in its query (the
 * form recorded from USGS's server), later ones POST links whose body carries the request and a {@code next} token,
 * {@code merge: false} (stac-server's form for POST searches). Items are shaped like USGS's Collection 2 items: id
 * {@code <tile id>_SR}, {@code landsat:grid_*} properties as two-digit strings, assets with an https href, an {@code
 * alternate.s3} href with {@code storage:requester_pays}, and {@code file:checksum} as a SHA-512 multihash.
 *
 * <p>It also serves the assets' bytes over https-like plain HTTP at their hrefs, so a run can fetch them. Faults on
 * demand: a 500 on one page's first request, a page that answers slower than a given delay the first time.
 */
public final class StacApiServer implements AutoCloseable {
  /** One file of an item: its asset key, file name suffix after {@code <id>_} (or ".xml"), and bytes. */
  public record Asset(String key, String suffix, byte[] bytes) {}

  /** The bucket and key prefix of the assets' {@code alternate.s3} hrefs, USGS's. */
  public static final String S3_BUCKET = "usgs-landsat-ard";

  public static final String S3_PREFIX = "collection02/";

  /** One item: the scene, its collection, cloud cover and assets. */
  public record Item(SceneId scene, String collection, double cloudCover, List<Asset> assets) {}

  private final HttpServer server;
  private final List<Item> items = new CopyOnWriteArrayList<>();
  private final Set<String> collections = ConcurrentHashMap.newKeySet();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();
  private final Map<Integer, AtomicInteger> served = new ConcurrentHashMap<>();
  private volatile int pageSize = 2;
  private volatile int failFirstRequestOfPage = -1;
  private volatile int slowFirstRequestOfPage = -1;
  private volatile long slowMillis;
  private volatile boolean query = true;
  private volatile String rawPage;
  private volatile boolean fileSizes;
  private final Map<String, Integer> fileStatus = new ConcurrentHashMap<>();
  private final Map<SceneId, java.util.function.Consumer<ObjectNode>> breakers = new ConcurrentHashMap<>();

  public StacApiServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "stac-api-server");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", this::handle);
    server.start();
    collections.addAll(List.of("landsat-c2ard-sr", "landsat-c2ard-st", "landsat-c2ard-bt", "landsat-c2ard-ta"));
  }

  public URI api() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/stac-server");
  }

  public URI fileBase() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/tile/collection02/");
  }

  public void add(Item item) {
    items.add(item);
    for (Asset a : item.assets()) {
      files.put(filePath(item.scene(), a), a.bytes());
    }
  }

  /** Adds an item that {@code breaker} then changes as it is served (drops a field, renames its id, …). */
  public void addBroken(Item item, java.util.function.Consumer<ObjectNode> breaker) {
    breakers.put(item.scene(), breaker);
    add(item);
  }

  /** Serves the scene's items unchanged again (after {@link #addBroken}). */
  public void mend(SceneId scene) {
    breakers.remove(scene);
  }

  public void setPageSize(int value) {
    pageSize = value;
  }

  /** The first request for page {@code page} (1-based) answers 500. */
  public void failFirstRequestOfPage(int page) {
    failFirstRequestOfPage = page;
  }

  /** The first request for page {@code page} waits {@code millis} before answering. */
  public void slowFirstRequestOfPage(int page, long millis) {
    slowFirstRequestOfPage = page;
    slowMillis = millis;
  }

  /** Whether the landing page declares the Query extension (else clients must search by bbox). */
  public void setQueryExtension(boolean value) {
    query = value;
  }

  /** Whether assets carry {@code file:size} (whether USGS's ARD items do is not confirmed; the default is no). */
  public void setFileSizes(boolean value) {
    fileSizes = value;
  }

  /** The asset whose file name is {@code name} answers {@code status} (403, 404, …) instead of its bytes. */
  public void answerFile(String name, int status) {
    fileStatus.put(name, status);
  }

  /** Serves every asset's bytes again (after {@link #answerFile}). */
  public void clearFileAnswers() {
    fileStatus.clear();
  }

  /** Every search page answers this text instead (to serve a malformed page). */
  public void setRawPage(String value) {
    rawPage = value;
  }

  /** {@code <method> <path>?<query> <body>} of every request, in order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** The SHA-512 multihash of bytes, as USGS's file:checksum. */
  public static String sha512Multihash(byte[] bytes) {
    try {
      return "1340" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Where an asset lives below the file base and below {@link #S3_PREFIX}: USGS's layout. */
  public static String filePath(SceneId scene, Asset a) {
    String sensor = scene.sensor().isOli() ? "oli-tirs" : scene.sensor().name().equals("LE07") ? "etm" : "tm";
    return sensor + "/" + scene.acquired().getYear() + "/CU/" + String.format("%03d/%03d", scene.tile().h(),
        scene.tile().v()) + "/" + scene + "/" + scene + (a.suffix().equals(".xml") ? ".xml" : "_" + a.suffix());
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String path = x.getRequestURI().getPath();
      String q = x.getRequestURI().getRawQuery();
      requests.add(x.getRequestMethod() + " " + path + (q == null ? "" : "?" + q) + (body.isEmpty() ? "" : " " + body));
      if (path.startsWith("/tile/collection02/")) {
        byte[] bytes = files.get(path.substring("/tile/collection02/".length()));
        Integer status = fileStatus.get(path.substring(path.lastIndexOf('/') + 1));
        if (status != null) {
          send(x, status, "application/xml", ("<Error><Code>" + (status == 403 ? "AccessDenied" : "NoSuchKey")
              + "</Code></Error>").getBytes(StandardCharsets.UTF_8));
        } else if (bytes == null) {
          send(x, 404, "text/plain", "no such file".getBytes(StandardCharsets.UTF_8));
        } else {
          x.getResponseHeaders().add("ETag", "\"opaque-" + bytes.length + "\"");
          send(x, 200, "image/tiff", bytes);
        }
        return;
      }
      String api = path.replaceFirst("^/stac-server/?", "");
      if (api.isEmpty()) {
        send(x, 200, "application/json", Json.writeBytes(landing()));
      } else if (api.equals("collections")) {
        ObjectNode all = Json.mapper().createObjectNode();
        ArrayNode list = all.putArray("collections");
        collections.stream().sorted().forEach(c -> list.addObject().put("id", c).put("type", "Collection"));
        send(x, 200, "application/json", Json.writeBytes(all));
      } else if (api.startsWith("collections/")) {
        String id = api.substring("collections/".length());
        if (collections.contains(id)) {
          send(x, 200, "application/json", Json.writeBytes(Json.mapper().createObjectNode().put("id", id)
              .put("type", "Collection")));
        } else {
          send(x, 404, "application/json", ("{\"code\":\"NotFound\",\"description\":\"Collection " + id
              + " not found\"}").getBytes(StandardCharsets.UTF_8));
        }
      } else if (api.equals("search")) {
        search(x, body, q);
      } else {
        send(x, 404, "application/json", "{\"code\":\"NotFound\"}".getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private ObjectNode landing() {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("stac_version", "1.0.0").put("type", "Catalog").put("id", "stac-server")
        .put("title", "Landsat STAC API (test)").put("description", "loopback stand-in for a STAC API");
    ArrayNode conforms = root.putArray("conformsTo");
    String prefix = "https://api.stacspec.org/v1.0.0-beta.5";
    conforms.add(prefix + "/core").add(prefix + "/item-search").add(prefix + "/ogcapi-features");
    if (query) {
      conforms.add(prefix + "/item-search#query");
    }
    ArrayNode links = root.putArray("links");
    links.addObject().put("rel", "self").put("type", "application/json").put("href", api() + "/");
    links.addObject().put("rel", "search").put("type", "application/geo+json").put("href", api() + "/search");
    links.addObject().put("rel", "data").put("type", "application/json").put("href", api() + "/collections");
    return root;
  }

  private void search(HttpExchange x, String body, String rawQuery) throws IOException {
    JsonNode request;
    int page;
    if (x.getRequestMethod().equals("POST")) {
      request = Json.mapper().readTree(body);
      page = request.has("next") ? Integer.parseInt(request.get("next").asText().split(",")[0]) : 1;
    } else {
      ObjectNode fromQuery = Json.mapper().createObjectNode();
      for (String pair : rawQuery.split("&")) {
        String[] kv = pair.split("=", 2);
        String key = java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8).replace("[]", "");
        String value = java.net.URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8);
        switch (key) {
          case "collections", "query", "bbox" -> fromQuery.set(key, Json.mapper().readTree(value));
          case "limit" -> fromQuery.put(key, Integer.parseInt(value));
          default -> fromQuery.put(key, value);
        }
      }
      request = fromQuery;
      page = Integer.parseInt(fromQuery.path("next").asText("1").split(",")[0]);
    }
    int n = served.computeIfAbsent(page, k -> new AtomicInteger()).incrementAndGet();
    if (page == failFirstRequestOfPage && n == 1) {
      send(x, 500, "application/json", "{\"code\":\"InternalServerError\"}".getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (page == slowFirstRequestOfPage && n == 1) {
      try {
        Thread.sleep(slowMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (rawPage != null) {
      send(x, 200, "application/geo+json", rawPage.getBytes(StandardCharsets.UTF_8));
      return;
    }
    List<String> wanted = new ArrayList<>();
    request.path("collections").forEach(c -> wanted.add(c.asText()));
    JsonNode query = request.path("query");
    List<Item> matched = new ArrayList<>();
    for (Item item : items) {
      boolean grid = query.isMissingNode()
          || (query.path("landsat:grid_horizontal").path("eq").asText()
                  .equals(String.format("%02d", item.scene().tile().h()))
              && query.path("landsat:grid_vertical").path("eq").asText()
                  .equals(String.format("%02d", item.scene().tile().v())));
      if ((wanted.isEmpty() || wanted.contains(item.collection())) && grid) {
        matched.add(item);
      }
    }
    int size = request.path("limit").asInt(pageSize) > 0 ? Math.min(pageSize, request.path("limit").asInt()) : pageSize;
    int from = (page - 1) * size;
    List<Item> slice = matched.subList(Math.min(from, matched.size()), Math.min(from + size, matched.size()));
    ObjectNode fc = Json.mapper().createObjectNode();
    fc.put("type", "FeatureCollection").put("stac_version", "1.0.0");
    fc.putArray("stac_extensions");
    fc.putObject("context").put("limit", size).put("matched", matched.size()).put("returned", slice.size());
    fc.put("numberMatched", matched.size()).put("numberReturned", slice.size());
    ArrayNode features = fc.putArray("features");
    slice.forEach(i -> features.add(item(i)));
    ArrayNode links = fc.putArray("links");
    if (from + size < matched.size()) {
      String token = (page + 1) + ",2021-06-18T19:00:00Z," + slice.get(slice.size() - 1).scene() + "_SR";
      ObjectNode next = links.addObject().put("rel", "next").put("title", "Next page of Items");
      if (page == 1) {
        // stac-server's GET form: every search parameter in the query, JSON values stringified, collections as [].
        StringBuilder href = new StringBuilder(api() + "/search?");
        request.fields().forEachRemaining(f -> {
          if (!f.getKey().equals("next")) {
            String value = f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString();
            href.append(f.getKey().equals("collections") ? "collections[]" : f.getKey()).append('=')
                .append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
          }
        });
        href.append("next=").append(java.net.URLEncoder.encode(token, StandardCharsets.UTF_8));
        next.put("method", "GET").put("href", href.toString());
      } else {
        ObjectNode nextBody = ((ObjectNode) request.deepCopy()).put("next", token);
        next.put("method", "POST").put("href", api() + "/search").put("merge", false).set("body", nextBody);
      }
    }
    send(x, 200, "application/geo+json", Json.writeBytes(fc));
  }

  private ObjectNode item(Item i) {
    SceneId s = i.scene();
    ObjectNode item = Json.mapper().createObjectNode();
    item.put("type", "Feature").put("stac_version", "1.0.0");
    item.putArray("stac_extensions")
        .add("https://landsat.usgs.gov/stac/landsat-ard-extension/v1.0.0/schema.json")
        .add("https://stac-extensions.github.io/projection/v1.0.0/schema.json")
        .add("https://stac-extensions.github.io/eo/v1.0.0/schema.json")
        .add("https://stac-extensions.github.io/alternate-assets/v1.1.0/schema.json")
        .add("https://stac-extensions.github.io/storage/v1.0.0/schema.json");
    String suffix = switch (i.collection()) {
      case "landsat-c2ard-st" -> "ST";
      case "landsat-c2ard-bt" -> "BT";
      case "landsat-c2ard-ta" -> "TA";
      default -> "SR";
    };
    item.put("id", s + "_" + suffix);
    item.put("description", "Landsat Collection 2 U.S. ARD " + suffix + " product");
    ObjectNode props = item.putObject("properties");
    props.put("datetime", s.acquired() + "T18:56:29.123456Z");
    props.put("start_datetime", s.acquired() + "T18:56:17.000Z").put("end_datetime", s.acquired() + "T18:56:41.000Z");
    props.put("platform", s.sensor().platform());
    var instruments = props.putArray("instruments"); // OLI_TIRS → ["OLI", "TIRS"], TM → ["TM"], as USGS lists them
    for (String instrument : s.sensor().instrument().split("_")) {
      instruments.add(instrument);
    }
    props.put("eo:cloud_cover", i.cloudCover());
    props.put("landsat:grid_horizontal", String.format("%02d", s.tile().h()));
    props.put("landsat:grid_vertical", String.format("%02d", s.tile().v()));
    props.put("landsat:grid_region", "CU");
    props.put("landsat:scene_count", 2).put("landsat:cloud_shadow_cover", 0.23).put("landsat:snow_ice_cover", 0.01)
        .put("landsat:fill", 3.75);
    props.putNull("proj:epsg");
    props.putArray("proj:shape").add(5000).add(5000);
    ObjectNode assets = item.putObject("assets");
    for (Asset a : i.assets()) {
      ObjectNode o = assets.putObject(a.key());
      String p = filePath(s, a);
      o.put("href", fileBase() + p);
      o.put("type", a.suffix().equals(".xml") ? "application/xml" : "image/vnd.stac.geotiff; cloud-optimized=true");
      o.putArray("roles").add(a.suffix().equals(".xml") ? "metadata" : "data");
      ObjectNode s3 = o.putObject("alternate").putObject("s3");
      s3.put("href", "s3://" + S3_BUCKET + "/" + S3_PREFIX + p);
      s3.put("storage:platform", "AWS").put("storage:requester_pays", true);
      o.put("file:checksum", sha512Multihash(a.bytes()));
      if (fileSizes) {
        o.put("file:size", a.bytes().length);
      }
    }
    ObjectNode thumb = assets.putObject("thumbnail");
    thumb.put("href", fileBase() + "browse/" + s + "_thumb_small.jpeg").put("type", "image/jpeg");
    thumb.putArray("roles").add("thumbnail");
    ArrayNode links = item.putArray("links");
    links.addObject().put("rel", "self").put("href", api() + "/collections/" + i.collection() + "/items/" + s + "_"
        + suffix);
    links.addObject().put("rel", "collection").put("href", api() + "/collections/" + i.collection());
    item.put("collection", i.collection());
    java.util.function.Consumer<ObjectNode> breaker = breakers.get(s);
    if (breaker != null) {
      breaker.accept(item);
    }
    return item;
  }

  private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
    x.getResponseHeaders().add("Content-Type", type);
    x.sendResponseHeaders(status, body.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(body);
    } catch (IOException e) {
      // the client gave up (a timed-out slow page): nothing to answer
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** Assets of a small Collection 2 OLI scene: three SR bands, QA_PIXEL and the XML, with made-up bytes. */
  public static List<Asset> sampleAssets(SceneId scene, long seed) {
    Map<String, String> bands = new LinkedHashMap<>();
    bands.put("red", "SR_B4.TIF");
    bands.put("green", "SR_B3.TIF");
    bands.put("blue", "SR_B2.TIF");
    bands.put("qa_pixel", "QA_PIXEL.TIF");
    List<Asset> out = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, String> b : bands.entrySet()) {
      out.add(new Asset(b.getKey(), b.getValue(), TarBuilder.randomBytes(2000 + 100 * i++, seed * 31 + i)));
    }
    out.add(new Asset("xml", ".xml", ("<LANDSAT_METADATA_FILE><!-- " + scene + " --></LANDSAT_METADATA_FILE>")
        .getBytes(StandardCharsets.UTF_8)));
    return out;
  }
}
