package dev.scenelift.eo3;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scenelift.describe.BandNames;
import dev.scenelift.describe.SceneAsset;
import dev.scenelift.describe.SceneDescription;
import dev.scenelift.scene.SceneId;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
   * The product of a scene's family, with one measurement per asset seen in {@code sample}.
   *
   * @param sample a described scene of the family (its assets name the measurements)
   */
  public ObjectNode product(SceneDescription sample) {
    SceneId id = sample.scene();
    ObjectNode p = F.objectNode();
    p.put("name", productName(id));
    p.put(
        "description",
        "Landsat U.S. ARD " + id.collection() + " (" + id.sensor().instrument() + "), Cloud-Optimized GeoTIFFs");
    p.put("metadata_type", "eo3");
    p.put("license", "proprietary");
    ObjectNode meta = p.putObject("metadata");
    meta.putObject("product").put("name", productName(id));
    ArrayNode measurements = p.putArray("measurements");
    for (SceneAsset a : sample.assets()) {
      ObjectNode m = measurements.addObject();
      m.put("name", a.key());
      m.put("dtype", a.facts().dataType().orElse(DEFAULT_DTYPE));
      m.put("nodata", a.facts().nodata().orElse(DEFAULT_NODATA));
      m.put("units", "1");
      a.srBand()
          .flatMap(b -> BandNames.commonName(id.sensor(), b))
          .ifPresent(cn -> m.putArray("aliases").add(cn));
    }
    return p;
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
    ObjectNode grid = doc.putObject("grids").putObject("default");
    ArrayNode shape = grid.putArray("shape");
    d.grid().shape().forEach(shape::add);
    ArrayNode transform = grid.putArray("transform");
    d.grid().transform().forEach(transform::add);
    transform.add(0.0).add(0.0).add(1.0);
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
    props.put("odc:product_family", "ard");
    props.put("odc:processing_datetime", id.produced() + "T00:00:00Z");
    props.put("landsat:collection_number", id.collection() == dev.scenelift.scene.Collection.C1 ? 1 : 2);
    ObjectNode measurements = doc.putObject("measurements");
    for (SceneAsset a : d.assets()) {
      measurements.putObject(a.key()).put("path", a.href());
    }
    if (thumbnailHref != null) {
      doc.putObject("accessories").putObject("thumbnail").put("path", thumbnailHref);
    }
    doc.putObject("lineage");
    return doc;
  }
}
