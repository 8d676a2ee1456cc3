package dev.scenelift.stac;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scenelift.describe.ArdAlbers;
import dev.scenelift.describe.BandNames;
import dev.scenelift.describe.SceneAsset;
import dev.scenelift.describe.SceneDescription;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Builds the documents of a static STAC 1.0.0 catalog: root Catalog, one Collection per tile, one Item per scene. All
 * links and asset hrefs are relative, so the catalog works from any bucket, website or local copy.
 */
public final class StacDocuments {
  public static final String STAC_VERSION = "1.0.0";
  public static final String EO = "https://stac-extensions.github.io/eo/v1.1.0/schema.json";
  public static final String PROJECTION = "https://stac-extensions.github.io/projection/v1.1.0/schema.json";
  public static final String RASTER = "https://stac-extensions.github.io/raster/v1.1.0/schema.json";
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
   * @param collectionHrefs relative hrefs of the tiles' collection.json files
   */
  public ObjectNode catalog(List<String> collectionHrefs) {
    ObjectNode c = F.objectNode();
    c.put("type", "Catalog");
    c.put("stac_version", STAC_VERSION);
    c.put("id", CATALOG_ID);
    c.put("title", "scenelift: Landsat U.S. ARD, cloud-optimized");
    c.put("description", "Landsat Analysis Ready Data scenes converted to Cloud-Optimized GeoTIFFs by scenelift.");
    ArrayNode links = c.putArray("links");
    links.add(link("root", "./catalog.json", "application/json"));
    for (String href : collectionHrefs) {
      links.add(link("child", href, "application/json"));
    }
    return c;
  }

  /**
   * The tile's collection.
   *
   * @param rootHref relative href of the root catalog
   * @param itemHrefs relative hrefs of the items
   * @param first earliest acquisition
   * @param last latest acquisition
   */
  public ObjectNode collection(Tile tile, String rootHref, List<String> itemHrefs, LocalDate first, LocalDate last) {
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
    extent.putObject("spatial").putArray("bbox").add(bboxNode(ArdAlbers.bbox(ArdAlbers.footprint(tile))));
    ArrayNode interval = extent.putObject("temporal").putArray("interval").addArray();
    interval.add(first + "T00:00:00Z");
    interval.add(last + "T23:59:59Z");
    ArrayNode links = c.putArray("links");
    links.add(link("root", rootHref, "application/json"));
    links.add(link("parent", rootHref, "application/json"));
    links.add(link("self", "./collection.json", "application/json"));
    links.add(
        link(
            "license",
            "https://www.usgs.gov/information-policies-and-instructions/crediting-usgs",
            "text/html"));
    for (String href : itemHrefs) {
      links.add(link("item", href, "application/geo+json"));
    }
    return c;
  }

  /**
   * One scene's item.
   *
   * @param d the scene
   * @param rootHref relative href of the root catalog
   * @param collectionHref relative href of the collection
   * @param thumbnailHref relative href of the small thumbnail, or null when there is none
   * @param overviewHref relative href of the large thumbnail, or null when there is none
   */
  public ObjectNode item(
      SceneDescription d, String rootHref, String collectionHref, String thumbnailHref, String overviewHref) {
    SceneId id = d.scene();
    ObjectNode item = F.objectNode();
    item.put("type", "Feature");
    item.put("stac_version", STAC_VERSION);
    item.putArray("stac_extensions").add(EO).add(PROJECTION).add(RASTER);
    item.put("id", id.toString());
    List<double[]> ring = ArdAlbers.footprint(id.tile());
    ObjectNode geometry = item.putObject("geometry");
    geometry.put("type", "Polygon");
    ArrayNode coords = geometry.putArray("coordinates").addArray();
    for (double[] p : ring) {
      coords.addArray().add(p[0]).add(p[1]);
    }
    item.set("bbox", bboxNode(ArdAlbers.bbox(ring)));
    ObjectNode props = item.putObject("properties");
    props.putNull("datetime");
    props.put("start_datetime", id.acquired() + "T00:00:00Z");
    props.put("end_datetime", id.acquired() + "T23:59:59Z");
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
    props.putNull("proj:epsg");
    props.put("proj:wkt2", d.wkt2());
    ArrayNode shape = props.putArray("proj:shape");
    d.shape().forEach(shape::add);
    ArrayNode transform = props.putArray("proj:transform");
    d.transform().forEach(transform::add);
    props.put("odc:region_code", id.tile().toString());

    ArrayNode links = item.putArray("links");
    links.add(link("root", rootHref, "application/json"));
    links.add(link("parent", collectionHref, "application/json"));
    links.add(link("collection", collectionHref, "application/json"));
    item.put("collection", collectionId(id.tile()));

    ObjectNode assets = item.putObject("assets");
    for (SceneAsset a : d.assets()) {
      assets.set(a.key(), asset(id, a));
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
    return item;
  }

  private ObjectNode asset(SceneId id, SceneAsset a) {
    ObjectNode o = F.objectNode();
    o.put("href", a.href());
    o.put("type", a.cloudOptimized() ? COG_TYPE : TIFF_TYPE);
    o.put("title", a.bundle() + " " + a.code());
    ArrayNode roles = o.putArray("roles");
    roles.add(a.bundle() == Bundle.QA ? "metadata" : "data");
    if (a.bundle() == Bundle.SR) {
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
    raster.put("spatial_resolution", 30);
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
}
