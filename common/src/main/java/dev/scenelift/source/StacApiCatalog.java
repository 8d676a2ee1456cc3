package dev.scenelift.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scenelift.catalog.CatalogCloud;
import dev.scenelift.gdal.ArdAlbers;
import dev.scenelift.json.Json;
import dev.scenelift.manifest.ExpectedBytes;
import dev.scenelift.manifest.FileSource;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A STAC API as a scene source ({@code submit-run --stac URL}): one item search for the tile (POST {@code /search} with
 * the collections, the tile's grid as a Query-extension filter on {@code landsat:grid_horizontal}, {@code
 * landsat:grid_vertical} and {@code landsat:grid_region} when the API declares the Query extension, else the tile's
 * bounding box, the days as {@code datetime}, and a page {@code limit}), every page followed by its {@code next} link.
 * Items are deduplicated by id; the items of one scene (one per collection) become one {@link SceneEntry} of single
 * files. When no item lists the scene's metadata XML, the file {@code <id>.xml} beside its QA_PIXEL (or first) asset
 * is planned, as USGS's bucket keeps it there.
 *
 * <p>A malformed item of a known scene plans that scene as unusable, so that fetch-scene fails it with a failure
 * record naming the item and field; an item with no ARD id is skipped, with a note of its own naming it and why. The search's facts (pages, items,
 * retries, skipped items, asset bytes) are in {@link #notes()} after listing, and the items' cloud cover in {@link
 * #catalogClouds()} for {@code --prefilter-max-cloud}.
 */
public final class StacApiCatalog implements SceneCatalog {
  private final StacSearch search;
  private final StacApiClient client;
  private final List<String> notes = new ArrayList<>();
  private final Map<SceneId, CatalogCloud> clouds = new LinkedHashMap<>();

  public StacApiCatalog(StacSearch search, HttpClient http) {
    this.search = search;
    this.client = new StacApiClient(http, search);
  }

  public static HttpClient defaultClient() {
    return HttpClient.newBuilder()
        .connectTimeout(java.time.Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  /**
   * @throws UnknownCollectionException when a collection is not the API's
   * @throws EmptySearchException when the search finds no item of the tile
   * @throws StacSearchRefusedException when the API refuses the search or it needs too many pages
   * @throws SourceUnavailableException when the API cannot be read within the attempts and the time limit
   */
  @Override
  public synchronized List<SceneEntry> list(Tile tile) throws IOException {
    notes.clear();
    clouds.clear();
    client.start();
    JsonNode landing = client.landing();
    client.requireCollections();
    boolean byGrid = StacApiClient.supportsQuery(landing);
    URI endpoint = client.searchEndpoint(landing);
    ObjectNode body = body(tile, byGrid);

    Map<SceneId, List<StacItem>> byScene = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    int[] counts = new int[4]; // pages, items, duplicates, other tiles
    List<String> skipped = new ArrayList<>();
    client.search(endpoint, body, page -> {
      counts[0]++;
      for (JsonNode item : page.body().path("features")) {
        counts[1]++;
        StacItem read;
        try {
          read = StacItem.read(item, search.s3Hrefs());
        } catch (StacItem.NotAnArdItem e) {
          skipped.add(e.getMessage() + " (page " + page.number() + ")");
          continue;
        }
        if (!seen.add(read.itemId())) {
          counts[2]++;
          continue;
        }
        if (!read.scene().tile().equals(tile)) {
          counts[3]++;
          continue;
        }
        byScene.computeIfAbsent(read.scene(), k -> new ArrayList<>()).add(read);
      }
    });
    String what = "tile " + tile + " in " + String.join(", ", search.collections())
        + search.datetime().map(d -> " over " + d).orElse("");
    if (byScene.isEmpty()) {
      throw new EmptySearchException(
          "--stac " + search.api() + ": the search found no item of " + what + " (" + counts[1] + " items on "
              + counts[0] + " page(s)" + (skipped.isEmpty() ? "" : ", " + skipped.size() + " not ARD tiles") + ")");
    }
    List<SceneEntry> scenes = new ArrayList<>();
    int derivedXml = 0;
    for (Map.Entry<SceneId, List<StacItem>> e : byScene.entrySet()) {
      SceneEntry entry = scene(e.getKey(), e.getValue());
      String xml = e.getKey() + ".xml";
      if (entry.sourceProblem().isEmpty()
          && e.getValue().stream().noneMatch(i -> i.files().stream().anyMatch(f -> f.name().equals(xml)))) {
        derivedXml++;
      }
      scenes.add(entry);
      e.getValue().stream()
          .filter(i -> i.cloudCover().isPresent())
          .findFirst()
          .ifPresent(i -> clouds.put(e.getKey(), new CatalogCloud(e.getKey(), i.cloudCover().getAsDouble(), i.fill(),
              "stac:" + search.api())));
    }
    ExpectedBytes bytes = ExpectedBytes.of(scenes);
    notes.add(String.format(Locale.ROOT, "stac %s: %d item(s) on %d page(s)%s for %s: %d scene(s), %d file(s);"
            + " bytes expected (the assets' file:size) %s",
        client.root(), counts[1], counts[0], client.retries() > 0 ? " (" + client.retries() + " request(s) retried)"
            : "", what, scenes.size(), bytes.objects(), bytes.describe()));
    notes.add("stac query: " + (byGrid ? "landsat:grid_horizontal/grid_vertical/grid_region of the tile"
        : "the tile's bounding box (the API declares no Query extension)")
        + (search.s3Hrefs() ? "; assets read from their alternate s3:// hrefs (requester pays)" : "; assets read from their hrefs"));
    if (counts[2] > 0) {
      notes.add(counts[2] + " item(s) listed twice (on two pages) counted once");
    }
    if (counts[3] > 0) {
      notes.add(counts[3] + " item(s) of other tiles left out");
    }
    skipped.forEach(item -> notes.add("stac item skipped: " + item));
    if (derivedXml > 0) {
      notes.add(derivedXml + " scene(s) whose items list no metadata XML: <id>.xml beside their QA_PIXEL is planned");
    }
    long unusable = scenes.stream().filter(s -> s.sourceProblem().isPresent()).count();
    if (unusable > 0) {
      notes.add(unusable + " scene(s) with a malformed item are planned to fail in fetch-scene, e.g. "
          + scenes.stream().flatMap(s -> s.sourceProblem().stream()).findFirst().orElse(""));
    }
    scenes.sort(SceneOrder.ACQUIRED_THEN_ID);
    return scenes;
  }

  private ObjectNode body(Tile tile, boolean byGrid) {
    ObjectNode body = Json.mapper().createObjectNode();
    ArrayNode collections = body.putArray("collections");
    search.collections().forEach(collections::add);
    body.put("limit", search.pageSize());
    search.datetime().ifPresent(d -> body.put("datetime", d));
    if (byGrid) {
      ObjectNode query = body.putObject("query");
      query.putObject("landsat:grid_horizontal").put("eq", String.format(Locale.ROOT, "%02d", tile.h()));
      query.putObject("landsat:grid_vertical").put("eq", String.format(Locale.ROOT, "%02d", tile.v()));
      query.putObject("landsat:grid_region").put("eq", "CU");
    } else {
      ArrayNode bbox = body.putArray("bbox");
      for (double v : ArdAlbers.bbox(ArdAlbers.ring(tile, 10))) {
        bbox.add(Math.round(v * 1e6) / 1e6);
      }
    }
    return body;
  }

  /** The scene's files from all its items (the first item listing a file name wins), or its first item's problem. */
  private static SceneEntry scene(SceneId id, List<StacItem> items) {
    Optional<String> problem = items.stream().flatMap(i -> i.problem().stream()).findFirst();
    if (problem.isPresent()) {
      return SceneEntry.unusable(id, problem.get());
    }
    Map<String, FileSource> files = new LinkedHashMap<>();
    for (StacItem i : items) {
      i.files().forEach(f -> files.putIfAbsent(f.name(), f));
    }
    String xml = id + ".xml";
    if (!files.containsKey(xml)) {
      FileSource beside =
          files.values().stream().filter(f -> f.name().endsWith("_QA_PIXEL.TIF")).findFirst()
              .orElse(files.values().iterator().next());
      files.put(xml, new FileSource(Bundle.SR, xml, beside.uri().resolve(xml), -1, Optional.empty()));
    }
    return SceneEntry.ofFiles(id, List.copyOf(files.values()));
  }

  /** The search's facts, one line each, after {@link #list}. */
  @Override
  public synchronized List<String> notes() {
    return List.copyOf(notes);
  }

  /** The items' {@code eo:cloud_cover} (and {@code landsat:fill}) by scene, after {@link #list}. */
  @Override
  public synchronized Map<SceneId, CatalogCloud> catalogClouds() {
    return Map.copyOf(clouds);
  }

  /** Where the scenes come from, for the manifest: {@code stac:<api>}. */
  public String sourceName() {
    return "stac:" + search.api();
  }
}
