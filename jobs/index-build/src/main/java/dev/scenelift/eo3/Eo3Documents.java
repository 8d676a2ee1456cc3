package dev.scenelift.eo3;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scenelift.describe.BandNames;
import dev.scenelift.describe.RasterGrid;
import dev.scenelift.describe.SceneAsset;
import dev.scenelift.describe.SceneDescription;
import dev.scenelift.scene.SceneId;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.UUID;

/**
 * Open Data Cube eo3 documents: a product definition per sensor family and collection, and a dataset document per
 * scene that lives next to the scene's COGs (measurement paths are relative to it).
 */
public final class Eo3Documents {
  public static final String DATASET_SCHEMA = "https://schemas.opendatacube.org/dataset";
  /** Used when no raster could be read: U.S. ARD surface reflectance is int16 with nodata -9999. */
  public static final String DEFAULT_DTYPE = "int16";

  public static final double DEFAULT_NODATA = -9999;

  static final String PRODUCT_FAMILY = "ard";
  static final String DEFAULT_GRID = "default";

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** E.g. {@code landsat_ard_c1_oli_tirs}. */
  public static String productName(SceneId id) {
    return "landsat_ard_"
        + id.collection().name().toLowerCase(Locale.ROOT)
        + "_"
        + id.sensor().instrument().toLowerCase(Locale.ROOT);
  }

  /** Name-based (MD5, version 3) UUID of the scene id: the same scene always gets the same dataset id. */
  public static UUID datasetId(SceneId id) {
    return UUID.nameUUIDFromBytes(("scenelift/landsat-ard/" + id).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The product of a scene's family, with the measurements each of its datasets has. Datasets are matched to it
   * by its {@code metadata} (datacube's rule: the product whose metadata the dataset document contains): the product
   * family, instrument and collection number their properties carry.
   *
   * @param sample a described scene of the family (its assets describe the measurements)
   * @param names the measurement names every dataset of the product has; the sample has them all
   */
  public ObjectNode product(SceneDescription sample, Set<String> names) {
    SceneId id = sample.scene();
    ObjectNode p = F.objectNode();
    p.put("name", productName(id));
    p.put(
        "description",
        "Landsat U.S. ARD " + id.collection() + " (" + id.sensor().instrument() + "), Cloud-Optimized GeoTIFFs");
    p.put("metadata_type", "eo3");
    p.put("license", "proprietary");
    ObjectNode match = p.putObject("metadata").putObject("properties");
    match.put("odc:product_family", PRODUCT_FAMILY);
    match.put("eo:instrument", id.sensor().instrument());
    match.put("landsat:collection_number", collectionNumber(id));
    ArrayNode measurements = p.putArray("measurements");
    for (SceneAsset a : sample.assets()) {
      if (!names.contains(a.key())) {
        continue;
      }
      ObjectNode m = measurements.addObject();
      m.put("name", a.key());
      String dtype = a.facts().dataType().orElse(DEFAULT_DTYPE);
      m.put("dtype", dtype);
      double nodata =
          a.facts().nodata().isPresent() && MeasurementSpec.fits(a.facts().nodata().getAsDouble(), dtype)
              ? a.facts().nodata().getAsDouble()
              : MeasurementSpec.defaultNodata(dtype);
      putNumber(m, "nodata", nodata);
      m.put("units", MeasurementSpec.units(a));
      a.facts().scale().ifPresent(v -> m.put("scale_factor", v));
      a.facts().offset().ifPresent(v -> m.put("add_offset", v));
      a.srBand()
          .flatMap(b -> BandNames.commonName(id.sensor(), b))
          .ifPresent(cn -> m.putArray("aliases").add(cn));
    }
    return p;
  }

  /**
   * A whole number as an integer (YAML {@code -9999}, not {@code -9999.0}), NaN as datacube's {@code NaN}, anything
   * else as it is.
   */
  private static void putNumber(ObjectNode o, String field, double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      o.put(field, (long) v);
    } else if (Double.isNaN(v)) {
      o.put(field, "NaN");
    } else {
      o.put(field, v);
    }
  }

  private static int collectionNumber(SceneId id) {
    return id.collection() == dev.scenelift.scene.Collection.C1 ? 1 : 2;
  }

  /**
   * A scene's dataset document.
   *
   * @param thumbnailHref relative path of its thumbnail, or null
   */
  public ObjectNode dataset(SceneDescription d, String thumbnailHref) {
    SceneId id = d.scene();
    ObjectNode doc = F.objectNode();
    doc.put("$schema", DATASET_SCHEMA);
    doc.put("id", datasetId(id).toString());
    doc.put("label", id.toString());
    doc.putObject("product").put("name", productName(id));
    doc.put("crs", d.grid().wkt2());
    ObjectNode geometry = doc.putObject("geometry");
    geometry.put("type", "Polygon");
    ArrayNode ring = geometry.putArray("coordinates").addArray();
    for (double[] p : d.grid().outline()) {
      ring.addArray().add(p[0]).add(p[1]);
    }
    // the scene's main grid is the default; a raster on another grid gets a grid named after its first measurement
    ObjectNode grids = doc.putObject("grids");
    putGrid(grids.putObject(DEFAULT_GRID), d.grid(), d.grid());
    Map<RasterGrid, String> gridNames = new LinkedHashMap<>();
    gridNames.put(d.grid(), DEFAULT_GRID);
    for (SceneAsset a : d.assets()) {
      a.grid()
          .filter(g -> !gridNames.containsKey(g))
          .ifPresent(
              g -> {
                gridNames.put(g, a.key());
                putGrid(grids.putObject(a.key()), g, d.grid());
              });
    }
    ObjectNode props = doc.putObject("properties");
    // eo3 requires a datetime: the XML's acquisition when described from it, else the scene id's day
    props.put("datetime", d.datetime().map(Object::toString).orElse(id.acquired() + "T00:00:00Z"));
    props.put("dtr:start_datetime", id.acquired() + "T00:00:00Z");
    props.put("dtr:end_datetime", id.acquired() + "T23:59:59Z");
    props.put("eo:platform", id.sensor().stacPlatform());
    props.put("eo:instrument", id.sensor().instrument());
    d.verdict()
        .ifPresent(
            v -> {
              if (!Double.isNaN(v.cloudPercent())) {
                props.put("eo:cloud_cover", v.cloudPercent());
              }
              if (!Double.isNaN(v.fillPercent())) {
                props.put("scenelift:fill_percent", v.fillPercent());
              }
            });
    d.sun()
        .ifPresent(
            s -> {
              props.put("eo:sun_azimuth", s.azimuth());
              props.put("eo:sun_elevation", s.elevation());
            });
    props.put("scenelift:metadata_source", d.metadataSource());
    props.put("odc:region_code", id.tile().toString());
    props.put("odc:file_format", "GeoTIFF");
    props.put("odc:product_family", PRODUCT_FAMILY);
    props.put("odc:producer", "usgs.gov");
    props.put("odc:processing_datetime", id.produced() + "T00:00:00Z");
    props.put("landsat:collection_number", collectionNumber(id));
    ObjectNode measurements = doc.putObject("measurements");
    for (SceneAsset a : d.assets()) {
      ObjectNode m = measurements.putObject(a.key());
      m.put("path", a.href());
      String grid = a.grid().map(gridNames::get).orElse(DEFAULT_GRID);
      if (!grid.equals(DEFAULT_GRID)) {
        m.put("grid", grid);
      }
    }
    if (thumbnailHref != null) {
      doc.putObject("accessories").putObject("thumbnail").put("path", thumbnailHref);
    }
    doc.putObject("lineage");
    return doc;
  }

  /** A grid: shape, the 3x3 affine transform, and its CRS when it is not the dataset's. */
  private static void putGrid(ObjectNode o, RasterGrid g, RasterGrid main) {
    ArrayNode shape = o.putArray("shape");
    g.shape().forEach(shape::add);
    ArrayNode transform = o.putArray("transform");
    g.transform().forEach(transform::add);
    transform.add(0.0).add(0.0).add(1.0);
    if (!g.wkt2().equals(main.wkt2())) {
      o.put("crs", g.wkt2());
    }
  }
}
