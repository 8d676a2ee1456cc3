package dev.scenelift.stac;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scenelift.gdal.ArdAlbers;
import dev.scenelift.describe.BandNames;
import dev.scenelift.describe.RasterGrid;
import dev.scenelift.describe.SceneAsset;
import dev.scenelift.describe.SceneDescription;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the documents of a static STAC 1.0.0 catalog: root Catalog, one Collection per tile, one Item per scene. The
 * caller gives the structural links ({@link StacLinks}): relative in a self-contained catalog, absolute in a published
 * one. Asset hrefs stay relative to the item (the COGs are beside it), so they resolve against its self link or its
 * location alike.
 */
public final class StacDocuments {
  public static final String STAC_VERSION = "1.0.0";
  public static final String EO = "https://stac-extensions.github.io/eo/v1.1.0/schema.json";
  public static final String PROJECTION = "https://stac-extensions.github.io/projection/v1.1.0/schema.json";
  public static final String RASTER = "https://stac-extensions.github.io/raster/v1.1.0/schema.json";
  public static final String VIEW = "https://stac-extensions.github.io/view/v1.0.0/schema.json";
  public static final String COG_TYPE = "image/tiff; application=geotiff; profile=cloud-optimized";
  public static final String TIFF_TYPE = "image/tiff; application=geotiff";
  public static final String CATALOG_ID = "scenelift";

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** The collection id of a tile, e.g. {@code landsat-ard-h03v03}. */
  public static String collectionId(Tile tile) {
    return "landsat-ard-" + tile;
  }

  /**
   * The root catalog.
   *
   * @param links its root href (itself) and self link
   * @param collectionHrefs hrefs of the tiles' collection.json files
   */
  public ObjectNode catalog(StacLinks links, List<String> collectionHrefs) {
    ObjectNode c = F.objectNode();
    c.put("type", "Catalog");
    c.put("stac_version", STAC_VERSION);
    c.put("id", CATALOG_ID);
    c.put("title", "scenelift: Landsat U.S. ARD, cloud-optimized");
    c.put("description", "Landsat Analysis Ready Data scenes converted to Cloud-Optimized GeoTIFFs by scenelift.");
    ArrayNode out = c.putArray("links");
    out.add(link("root", links.root(), "application/json"));
    links.self().ifPresent(self -> out.add(link("self", self, "application/json")));
    for (String href : collectionHrefs) {
      out.add(link("child", href, "application/json"));
    }
    return c;
  }

  /**
   * The tile's collection. Its extent is that of the items it holds, computed as {@link #item} computes theirs: the
   * union of their footprints' bounding boxes and the span of their days; with no items, the tile and an open
   * interval.
   *
   * @param links root and parent (the root catalog) and self
   * @param items the scenes whose items it holds, each with its item's href
   */
  public ObjectNode collection(Tile tile, StacLinks links, Map<SceneId, String> items) {
    ObjectNode c = F.objectNode();
    c.put("type", "Collection");
    c.put("stac_version", STAC_VERSION);
    c.put("id", collectionId(tile));
    c.put("title", "Landsat U.S. ARD tile " + tile);
    c.put(
        "description",
        "Landsat 4-9 Analysis Ready Data (CONUS Albers grid) of tile " + tile
            + ": surface reflectance and the other bundles as Cloud-Optimized GeoTIFFs.");
    c.put("license", "proprietary");
    ArrayNode providers = c.putArray("providers");
    ObjectNode usgs = providers.addObject();
    usgs.put("name", "U.S. Geological Survey");
    usgs.putArray("roles").add("producer").add("licensor");
    usgs.put("url", "https://www.usgs.gov/landsat-missions/landsat-us-analysis-ready-data");
    ObjectNode extent = c.putObject("extent");
    double[] bbox =
        items.isEmpty()
            ? ArdAlbers.bbox(footprint(tile))
            : items.keySet().stream().map(id -> ArdAlbers.bbox(footprint(id.tile()))).reduce(StacDocuments::union)
                .orElseThrow();
    extent.putObject("spatial").putArray("bbox").add(bboxNode(bbox));
    ArrayNode interval = extent.putObject("temporal").putArray("interval").addArray();
    Optional<LocalDate> first = items.keySet().stream().map(SceneId::acquired).min(LocalDate::compareTo);
    Optional<LocalDate> last = items.keySet().stream().map(SceneId::acquired).max(LocalDate::compareTo);
    if (first.isPresent()) {
      interval.add(dayStart(first.get())).add(dayEnd(last.get()));
    } else {
      interval.addNull().addNull();
    }
    ArrayNode out = c.putArray("links");
    out.add(link("root", links.root(), "application/json"));
    out.add(link("parent", links.parent(), "application/json"));
    links.self().ifPresent(self -> out.add(link("self", self, "application/json")));
    out.add(
        link(
            "license",
            "https://www.usgs.gov/information-policies-and-instructions/crediting-usgs",
            "text/html"));
    for (String href : items.values()) {
      out.add(link("item", href, "application/geo+json"));
    }
    return c;
  }

  /** The first instant of a day, as items' {@code start_datetime} says it. */
  static String dayStart(LocalDate day) {
    return day + "T00:00:00Z";
  }

  /** The last second of a day, as items' {@code end_datetime} says it. */
  static String dayEnd(LocalDate day) {
    return day + "T23:59:59Z";
  }

  private static double[] union(double[] a, double[] b) {
    return new double[] {Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])};
  }

  /**
   * One scene's item.
   *
   * @param d the scene
   * @param links root, parent (the collection) and self
   * @param thumbnailHref href of the small thumbnail relative to the item, or null when there is none
   * @param overviewHref href of the large thumbnail relative to the item, or null when there is none
   * @param preview the scene's map preview COG, or null when there is none
   */
  public ObjectNode item(
      SceneDescription d, StacLinks links, String thumbnailHref, String overviewHref, MapPreviewAsset preview) {
    SceneId id = d.scene();
    ObjectNode item = F.objectNode();
    item.put("type", "Feature");
    item.put("stac_version", STAC_VERSION);
    ArrayNode extensions = item.putArray("stac_extensions").add(EO).add(PROJECTION).add(RASTER);
    // the view schema requires at least one view field, so it is declared only with the sun angles
    d.sun().ifPresent(s -> extensions.add(VIEW));
    item.put("id", id.toString());
    List<double[]> ring = footprint(id.tile());
    ObjectNode geometry = item.putObject("geometry");
    geometry.put("type", "Polygon");
    ArrayNode coords = geometry.putArray("coordinates").addArray();
    for (double[] p : ring) {
      coords.addArray().add(p[0]).add(p[1]);
    }
    item.set("bbox", bboxNode(ArdAlbers.bbox(ring)));
    ObjectNode props = item.putObject("properties");
    if (d.datetime().isPresent()) {
      props.put("datetime", d.datetime().get().toString());
    } else {
      props.putNull("datetime");
    }
    props.put("start_datetime", dayStart(id.acquired()));
    props.put("end_datetime", dayEnd(id.acquired()));
    props.put("platform", id.sensor().stacPlatform());
    ArrayNode instruments = props.putArray("instruments");
    for (String i : instruments(id)) {
      instruments.add(i);
    }
    props.put("constellation", "landsat");
    props.put("created", id.produced() + "T00:00:00Z");
    d.verdict()
        .ifPresent(
            v -> {
              if (!Double.isNaN(v.cloudPercent())) {
                props.put("eo:cloud_cover", round(v.cloudPercent()));
              }
              if (!Double.isNaN(v.fillPercent())) {
                props.put("scenelift:fill_percent", round(v.fillPercent()));
              }
              props.put("scenelift:cloud_free", v.cloudFree());
            });
    d.sun()
        .ifPresent(
            s -> {
              props.put("view:sun_azimuth", round(s.azimuth()));
              props.put("view:sun_elevation", round(s.elevation()));
            });
    props.put("scenelift:metadata_source", d.metadataSource());
    props.putNull("proj:epsg");
    putGrid(props, d.grid());
    props.put("odc:region_code", id.tile().toString());

    ArrayNode out = item.putArray("links");
    out.add(link("root", links.root(), "application/json"));
    out.add(link("parent", links.parent(), "application/json"));
    out.add(link("collection", links.parent(), "application/json"));
    links.self().ifPresent(self -> out.add(link("self", self, "application/geo+json")));
    item.put("collection", collectionId(id.tile()));

    ObjectNode assets = item.putObject("assets");
    for (SceneAsset a : d.assets()) {
      assets.set(a.key(), asset(id, a, d.grid()));
    }
    if (thumbnailHref != null) {
      ObjectNode t = assets.putObject("thumbnail");
      t.put("href", thumbnailHref);
      t.put("type", "image/png");
      t.put("title", "True-colour thumbnail (small)");
      t.putArray("roles").add("thumbnail");
    }
    if (overviewHref != null) {
      ObjectNode t = assets.putObject("overview");
      t.put("href", overviewHref);
      t.put("type", "image/png");
      t.put("title", "True-colour thumbnail (large)");
      t.putArray("roles").add("overview");
    }
    if (preview != null) {
      ObjectNode t = assets.putObject(MapPreviewAsset.KEY);
      t.put("href", preview.href());
      t.put("type", MapPreviewAsset.TYPE);
      t.put("title", "True-colour map preview (RGBA, coarser pixels on the scene's grid)");
      t.putArray("roles").add("visual");
      putShapeAndTransform(t, preview.grid());
    }
    return item;
  }

  /** The projection fields of a grid, on an item's properties or on an asset whose grid differs from the item's. */
  private static void putGrid(ObjectNode o, RasterGrid g) {
    o.put("proj:wkt2", g.wkt2());
    putShapeAndTransform(o, g);
  }

  private static void putShapeAndTransform(ObjectNode o, RasterGrid g) {
    ArrayNode shape = o.putArray("proj:shape");
    g.shape().forEach(shape::add);
    ArrayNode transform = o.putArray("proj:transform");
    g.transform().forEach(transform::add);
  }

  private ObjectNode asset(SceneId id, SceneAsset a, RasterGrid itemGrid) {
    ObjectNode o = F.objectNode();
    o.put("href", a.href());
    o.put("type", a.cloudOptimized() ? COG_TYPE : TIFF_TYPE);
    o.put("title", a.bundle() + " " + a.code());
    ArrayNode roles = o.putArray("roles");
    roles.add(a.quality() ? "metadata" : "data");
    if (a.srBand().isPresent()) {
      roles.add("reflectance");
    }
    a.srBand()
        .ifPresent(
            band -> {
              ObjectNode eo = o.putArray("eo:bands").addObject();
              eo.put("name", band);
              BandNames.commonName(id.sensor(), band).ifPresent(cn -> eo.put("common_name", cn));
            });
    ObjectNode raster = o.putArray("raster:bands").addObject();
    a.facts().dataType().ifPresent(t -> raster.put("data_type", t));
    a.facts().nodata().ifPresent(n -> raster.put("nodata", n));
    a.facts().scale().ifPresent(s -> raster.put("scale", s));
    a.facts().offset().ifPresent(s -> raster.put("offset", s));
    a.grid().ifPresent(
        g -> {
          g.spatialResolutionMetres().ifPresent(r -> raster.put("spatial_resolution", r));
          // the projection extension lets an asset state what differs from the item's grid
          if (!g.wkt2().equals(itemGrid.wkt2())) {
            o.putNull("proj:epsg");
            o.put("proj:wkt2", g.wkt2());
          }
          if (!g.shape().equals(itemGrid.shape()) || !g.transform().equals(itemGrid.transform())) {
            putShapeAndTransform(o, g);
          }
        });
    return o;
  }

  static List<String> instruments(SceneId id) {
    return switch (id.sensor().instrument()) {
      case "OLI_TIRS" -> List.of("oli", "tirs");
      case "ETM" -> List.of("etm+");
      default -> List.of(id.sensor().instrument().toLowerCase(Locale.ROOT));
    };
  }

  private static ArrayNode bboxNode(double[] b) {
    ArrayNode a = F.arrayNode();
    for (double v : b) {
      a.add(v);
    }
    return a;
  }

  private static ObjectNode link(String rel, String href, String type) {
    ObjectNode l = F.objectNode();
    l.put("rel", rel);
    l.put("href", href);
    l.put("type", type);
    return l;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  /** Segments per tile edge in a footprint; edges are curved in WGS84. */
  private static final int EDGE_SEGMENTS = 10;

  /** The tile's outline in WGS84, rounded to 1e-7 degrees (about a centimetre). */
  static List<double[]> footprint(dev.scenelift.scene.Tile tile) {
    return ArdAlbers.ring(tile, EDGE_SEGMENTS).stream()
        .map(p -> new double[] {Math.round(p[0] * 1e7) / 1e7, Math.round(p[1] * 1e7) / 1e7})
        .toList();
  }
}
