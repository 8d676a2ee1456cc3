package dev.scenelift.index;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scenelift.collection.CollectionRules;
import dev.scenelift.collection.TileCollection;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scenelift.describe.MetadataXml;
import dev.scenelift.describe.SceneDescription;
import dev.scenelift.eo3.Eo3Documents;
import dev.scenelift.json.Json;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import dev.scenelift.scene.Tile;
import dev.scenelift.stac.StacDocuments;
import dev.scenelift.marker.FailureRecord;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.marker.MarkerStore;
import dev.scenelift.store.S3Location;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Builds a tile's index. Plan: list the raw and COG trees, group by scene, compare each scene's input fingerprint with
 * the last run's state. Execute: index changed scenes in parallel, then write the eo3 products, the STAC collection
 * and catalog, thumbindex.html, the AAlist.html pages that changed, and last the new state.
 */
final class IndexBuilder {
  private final S3Client s3;
  private final ObjectWriter writer;
  private final OutputNames names;
  private final ObjectLister lister;
  private final SceneIndexer indexer;
  private final ListingPages listings;
  private final ThumbIndexPage thumbIndex;
  private final MapPage mapPage;
  private final MapAssets mapAssets;
  private final IndexStateStore stateStore;
  private final StacDocuments stac;
  private final StacHrefs hrefs;
  private final Eo3Documents eo3;
  private final ExecutorService pool;
  private final PrintStream out;
  private final PrintStream err;

  IndexBuilder(
      S3Client s3,
      ObjectWriter writer,
      OutputNames names,
      SceneIndexer indexer,
      Templates templates,
      StacDocuments stac,
      StacHrefs hrefs,
      Eo3Documents eo3,
      ExecutorService pool,
      PrintStream out,
      PrintStream err) {
    this.s3 = s3;
    this.writer = writer;
    this.names = names;
    this.lister = new ObjectLister(s3);
    this.indexer = indexer;
    this.listings = new ListingPages(templates);
    this.thumbIndex = new ThumbIndexPage(templates, names);
    this.mapAssets = MapAssets.bundled();
    this.mapPage = new MapPage(templates, names, mapAssets);
    this.stateStore = new IndexStateStore(s3, names.layout());
    this.stac = stac;
    this.hrefs = hrefs;
    this.eo3 = eo3;
    this.pool = pool;
    this.out = out;
    this.err = err;
  }

  /**
   * @param expected scenes the run planned (may be empty: then the scenes found in the buckets)
   * @param force render every scene again
   * @param settings what else shapes the outputs (e.g. whether thumbnails are made); part of each fingerprint
   * @param rules the collections' rules, as the pages state them (membership itself is cloud.json's)
   */
  IndexResult build(
      Tile tile, Collection<SceneId> expected, boolean force, String settings, String runId, CollectionRules rules)
      throws InterruptedException {
    KeyLayout layout = names.layout();
    IndexState previous = stateStore.read(tile);
    // one listing per prefix serves both the plan and (with this run's writes added) the listing pages
    Map<S3Location, List<ListedObject>> listed = new LinkedHashMap<>();
    for (TileCollection c : TileCollection.values()) {
      listed.computeIfAbsent(c.root(layout), lister::list);
    }
    Set<String> rawKeys = new HashSet<>();
    listed.get(layout.raw()).forEach(o -> rawKeys.add(o.key()));
    Map<SceneId, SceneInputs> scenes =
        SceneInventory.of(layout, tile, listed.get(layout.raw()), listed.get(layout.cog()), expected);
    MarkerStore markers = new MarkerStore(s3, layout);
    List<ListedObject> sceneTrees = new ArrayList<>(listed.get(layout.raw()));
    sceneTrees.addAll(listed.get(layout.cog()));
    List<FailureRecord> failures = new ArrayList<>();
    new SceneFailures(markers, pool).read(layout, tile, sceneTrees).stream()
        .filter(f -> f.stage() != Stage.INDEX) // this run indexes those scenes again and records its own outcome
        .forEach(failures::add);

    Map<SceneId, SceneRecord> records = new TreeMap<>(Comparator.comparing(SceneId::toString));
    Map<SceneId, Future<SceneResult>> work = new LinkedHashMap<>();
    int unchanged = 0;
    int missing = 0;
    for (SceneInputs in : scenes.values()) {
      if (in.isMissing()) {
        missing++;
        continue;
      }
      String fp = in.fingerprint(settings);
      SceneRecord before = previous.scenes().get(in.scene().toString());
      if (!force && before != null && before.fingerprint().equals(fp)) {
        records.put(in.scene(), before);
        unchanged++;
      } else {
        work.put(in.scene(), pool.submit(() -> indexer.index(in, fp)));
      }
    }

    List<String> failed = new ArrayList<>();
    Map<String, SceneDescription> productSamples = new TreeMap<>();
    for (Map.Entry<SceneId, Future<SceneResult>> e : work.entrySet()) {
      try {
        SceneResult r = e.getValue().get();
        records.put(e.getKey(), r.record());
        S3Location failure = layout.failure(Stage.INDEX, e.getKey());
        if (rawKeys.contains(failure.key())) {
          // an earlier run's failure record is stale now
          s3.deleteObject(b -> b.bucket(failure.bucket()).key(failure.key()));
        }
        r.description().ifPresent(d -> productSamples.putIfAbsent(Eo3Documents.productName(d.scene()), d));
        r.description()
            .filter(d -> d.metadataSource().startsWith(MetadataXml.UNREADABLE))
            .ifPresent(d -> err.println(Stage.INDEX + ": " + d.scene() + ": warning: " + d.metadataSource()));
      } catch (ExecutionException ex) {
        Throwable cause = ex.getCause();
        String kind = cause instanceof IndexSceneException ise ? ise.kind() : "error";
        String message = String.valueOf(cause.getMessage()).lines().findFirst().orElse("").strip();
        String line = Stage.INDEX + ": " + e.getKey() + ": " + message;
        failed.add(line);
        err.println(line);
        FailureRecord record = new FailureRecord(e.getKey(), Stage.INDEX, runId, kind, message, 1, Instant.now());
        markers.markFailed(record);
        failures.add(record);
      }
    }
    failures.sort(Comparator.comparing((FailureRecord f) -> f.scene().toString()).thenComparing(FailureRecord::stage));

    // --force rewrites every document and page too
    Map<String, String> pageDigests = force ? new HashMap<>() : new HashMap<>(previous.pages());
    for (Map.Entry<String, SceneDescription> p : productSamples.entrySet()) {
      putIfChanged(
          names.eo3Product(tile, p.getKey()),
          indexer.yaml(eo3.product(p.getValue(), commonMeasurements(p.getKey(), records))),
          "application/yaml",
          pageDigests);
    }
    boolean hasCatalog = writeStac(tile, scenes, records, pageDigests);

    Map<TileCollection, Set<SceneId>> members = new EnumMap<>(TileCollection.class);
    for (TileCollection c : TileCollection.values()) {
      Set<SceneId> in = new TreeSet<>(Comparator.comparing(SceneId::toString));
      scenes.keySet().stream()
          .filter(id -> c == TileCollection.FULL || (records.containsKey(id) && records.get(id).in(c)))
          .forEach(in::add);
      members.put(c, in);
    }
    Map<TileCollection, Integer> counts = new EnumMap<>(TileCollection.class);
    members.forEach((c, in) -> counts.put(c, in.size()));
    CollectionNav nav = new CollectionNav(names, tile, rules, counts);
    int pagesWritten = 0;
    List<IndexResult.CollectionCount> collections = new ArrayList<>();
    for (CollectionPages pages : nav.pages()) {
      TileCollection c = pages.collection();
      S3Location root = c.root(layout);
      List<FailureRecord> shown =
          c == TileCollection.FULL ? failures : failures.stream().filter(f -> members.get(c).contains(f.scene())).toList();
      putIfChanged(
          pages.thumbIndex(),
          thumbIndex
              .render(c, tile, scenes, records, SceneInventory.folders(layout.tileDir(root, tile), listed.get(root)),
                  shown, hasCatalog, nav)
              .getBytes(StandardCharsets.UTF_8),
          "text/html; charset=utf-8",
          pageDigests);
      Map<SceneId, SceneInputs> memberScenes = new TreeMap<>(Comparator.comparing(SceneId::toString));
      members.get(c).forEach(id -> memberScenes.put(id, scenes.get(id)));
      writeMap(root, tile, memberScenes, records, pageDigests);
      List<ListedObject> now = writer.merged(root, listed.get(root));
      ListingPages.CollectionHeader header =
          new ListingPages.CollectionHeader(c.title(), c.holds(), nav.rule(c), nav.from(pages.listing(), c));
      for (Map.Entry<S3Location, String> page : listings.render(root, now, shown, Optional.of(header)).entrySet()) {
        if (putIfChanged(
            page.getKey(), page.getValue().getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8", pageDigests)) {
          pagesWritten++;
        }
      }
      collections.add(new IndexResult.CollectionCount(pages, counts.get(c), nav.rule(c)));
    }

    Map<String, SceneRecord> state = new TreeMap<>();
    records.forEach((id, r) -> state.put(id.toString(), r));
    stateStore.write(tile, new IndexState(IndexState.VERSION, state, pageDigests));
    return new IndexResult(
        work.size() - failed.size(),
        unchanged,
        missing,
        failed,
        failures,
        pagesWritten,
        collections,
        names.stacCatalog());
  }

  /**
   * The measurements every eo3 dataset of a product has (eo3: a product names what each of its datasets must hold; a
   * dataset may hold more).
   */
  private static Set<String> commonMeasurements(String product, Map<SceneId, SceneRecord> records) {
    Set<String> common = null;
    for (Map.Entry<SceneId, SceneRecord> r : records.entrySet()) {
      if (r.getValue().item() && Eo3Documents.productName(r.getKey()).equals(product)) {
        if (common == null) {
          common = new TreeSet<>(r.getValue().measurements());
        } else {
          common.retainAll(r.getValue().measurements());
        }
      }
    }
    return common == null ? Set.of() : common;
  }

  /**
   * The collection's map.html beside its thumbindex.html, and the map's script and stylesheet in the collection's
   * bucket when they are not there yet.
   *
   * @param root the collection's root
   * @param scenes the collection's scenes (those with SR COGs are mapped)
   */
  private void writeMap(
      S3Location root,
      Tile tile,
      Map<SceneId, SceneInputs> scenes,
      Map<SceneId, SceneRecord> records,
      Map<String, String> digests) {
    mapAssets.publish(s3, writer, root);
    putIfChanged(
        names.mapPage(root, tile),
        mapPage.render(root, tile, scenes, records).getBytes(StandardCharsets.UTF_8),
        "text/html; charset=utf-8",
        digests);
  }

  /**
   * The collection of the tile (items: scenes with COGs; its extent is theirs) and the root catalog, keeping other
   * tiles' children.
   */
  private boolean writeStac(
      Tile tile, Map<SceneId, SceneInputs> scenes, Map<SceneId, SceneRecord> records, Map<String, String> digests) {
    if (scenes.isEmpty()) {
      return false;
    }
    S3Location collection = names.stacCollection(tile);
    Map<SceneId, String> items = new LinkedHashMap<>();
    records.forEach(
        (id, r) -> {
          if (r.item()) {
            items.put(id, hrefs.link(collection, names.stacItem(id)));
          }
        });
    putIfChanged(
        collection,
        Json.writeBytes(stac.collection(tile, hrefs.collection(collection), items)),
        "application/json",
        digests);
    S3Location catalog = names.stacCatalog();
    Set<String> children = new TreeSet<>();
    readJson(catalog)
        .ifPresent(
            c -> {
              StacHrefs before = hrefs.asWritten(catalog, c);
              for (JsonNode l : c.path("links")) {
                if ("child".equals(l.path("rel").asText())) {
                  String href = l.path("href").asText();
                  // written again in today's form (relative, or under today's public URL)
                  children.add(before.target(catalog, href).map(to -> hrefs.link(catalog, to)).orElse(href));
                }
              }
            });
    children.add(hrefs.link(catalog, collection));
    ObjectNode root = stac.catalog(hrefs.catalog(), List.copyOf(children));
    putIfChanged(catalog, Json.writeBytes(root), "application/json", digests);
    return true;
  }

  private Optional<JsonNode> readJson(S3Location loc) {
    try {
      byte[] body = s3.getObjectAsBytes(b -> b.bucket(loc.bucket()).key(loc.key())).asByteArray();
      return Optional.of(Json.mapper().readTree(body));
    } catch (NoSuchKeyException | java.io.IOException e) {
      return Optional.empty();
    }
  }

  /** Writes a tile-level document unless the last run wrote the same bytes; returns whether it wrote. */
  private boolean putIfChanged(S3Location loc, byte[] body, String contentType, Map<String, String> digests) {
    String digest = sha256(body);
    if (digest.equals(digests.get(loc.toString()))) {
      return false;
    }
    writer.put(loc, body, contentType);
    digests.put(loc.toString(), digest);
    return true;
  }

  private static String sha256(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
