package dev.scenelift.eo3;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gdal.osr.SpatialReference;

/**
 * The checks eo3's own validator makes beyond its JSON Schemas, as far as they concern our documents: the product's
 * nodata values fit their dtypes and no name or alias is used twice; each dataset matches the product as datacube
 * matches (the product's metadata is contained in the dataset document) and has every one of its measurements (more
 * are allowed: eo3 only warns of them); ids are
 * UUIDs, CRSs parse, every measurement's grid exists and the geometry is a closed ring.
 */
public final class Eo3Consistency {
  private Eo3Consistency() {}

  /** Every problem found; empty when the product and its datasets are consistent. */
  public static List<String> problems(JsonNode product, List<JsonNode> datasets) {
    List<String> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> measurements = new HashSet<>();
    for (JsonNode m : product.path("measurements")) {
      String name = m.path("name").asText();
      measurements.add(name);
      String dtype = m.path("dtype").asText();
      JsonNode nodata = m.path("nodata");
      double value = nodata.isTextual() ? Double.parseDouble(nodata.asText()) : nodata.asDouble();
      if (!MeasurementSpec.fits(value, dtype)) {
        out.add("product measurement " + name + ": nodata " + nodata + " does not fit " + dtype);
      }
      if (!names.add(name)) {
        out.add("product: name " + name + " used twice");
      }
      for (JsonNode alias : m.path("aliases")) {
        if (!names.add(alias.asText())) {
          out.add("product measurement " + name + ": alias " + alias.asText() + " used twice");
        }
      }
    }
    JsonNode template = product.path("metadata");
    if (template.has("product")) {
      out.add("product: metadata.product is deprecated in eo3 (match by metadata.properties)");
    }
    for (JsonNode d : datasets) {
      String label = d.path("label").asText();
      if (!contains(d, template)) {
        out.add(label + ": does not match its product's metadata " + template);
      }
      try {
        UUID.fromString(d.path("id").asText());
      } catch (IllegalArgumentException e) {
        out.add(label + ": id is not a UUID");
      }
      Set<String> has = new HashSet<>();
      d.path("measurements").fieldNames().forEachRemaining(has::add);
      if (!has.containsAll(measurements)) {
        out.add(label + ": measurements " + has + " lack some of the product's " + measurements);
      }
      out.addAll(crsProblems(label, d.path("crs").asText()));
      for (Iterator<Map.Entry<String, JsonNode>> it = d.path("measurements").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> m = it.next();
        String grid = m.getValue().path("grid").asText("default");
        if (!d.path("grids").has(grid)) {
          out.add(label + ": measurement " + m.getKey() + " refers to unknown grid " + grid);
        }
      }
      JsonNode ring = d.at("/geometry/coordinates/0");
      if (ring.size() < 4 || !ring.get(0).equals(ring.get(ring.size() - 1))) {
        out.add(label + ": geometry is not a closed ring");
      }
    }
    return out;
  }

  /** datacube's product match: every field of the template is in the document with the same value. */
  static boolean contains(JsonNode doc, JsonNode template) {
    if (template.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = template.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!doc.has(e.getKey()) || !contains(doc.get(e.getKey()), e.getValue())) {
          return false;
        }
      }
      return true;
    }
    return template.equals(doc) || (template.isNumber() && doc.isNumber() && template.asDouble() == doc.asDouble());
  }

  private static List<String> crsProblems(String label, String crs) {
    dev.scenelift.gdal.Gdal.init();
    SpatialReference srs = new SpatialReference();
    try {
      if (srs.SetFromUserInput(crs) != 0 || srs.IsProjected() != 1) {
        return List.of(label + ": crs is not a projected CRS GDAL can read");
      }
      return List.of();
    } catch (RuntimeException e) {
      return List.of(label + ": crs unreadable: " + e.getMessage());
    } finally {
      srs.delete();
    }
  }
}
