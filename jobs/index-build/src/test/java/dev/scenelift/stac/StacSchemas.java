package dev.scenelift.stac;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.scenelift.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates STAC documents offline with networknt's JSON-Schema validator against the official schemas in the shared
 * data ({@code stac-schemas/INDEX.tsv} maps each schema URL to its file); nothing is fetched from the network.
 */
public final class StacSchemas {
  private static final Map<String, String> CORE =
      Map.of(
          "Catalog", "https://schemas.stacspec.org/v1.0.0/catalog-spec/json-schema/catalog.json",
          "Collection", "https://schemas.stacspec.org/v1.0.0/collection-spec/json-schema/collection.json",
          "Feature", "https://schemas.stacspec.org/v1.0.0/item-spec/json-schema/item.json");

  private final Map<String, String> files = new HashMap<>();
  private final SchemaRegistry registry;

  public StacSchemas() {
    Path dir = SharedData.file("stac-schemas");
    try {
      for (String line : Files.readAllLines(dir.resolve("INDEX.tsv"))) {
        String[] cols = line.split("\t");
        if (cols.length == 2) {
          files.put(cols[0].strip(), Files.readString(dir.resolve(cols[1].strip())));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_7,
            b ->
                b.schemas(iri -> files.get(stripFragment(iri)))
                    .schemaLoader(l -> l.fetchRemoteResources(false)));
  }

  /** The schema URLs a document must satisfy: its core schema and every extension it declares. */
  public List<String> schemasOf(JsonNode doc) {
    List<String> urls = new ArrayList<>();
    String core = CORE.get(doc.path("type").asText());
    if (core == null) {
      throw new IllegalArgumentException("not a STAC document type: " + doc.path("type"));
    }
    urls.add(core);
    for (JsonNode ext : doc.path("stac_extensions")) {
      urls.add(ext.asText());
    }
    return urls;
  }

  /** Every validation error, prefixed by the schema that found it; empty when valid. */
  public List<String> validate(JsonNode doc) {
    List<String> errors = new ArrayList<>();
    for (String url : schemasOf(doc)) {
      if (!files.containsKey(url)) {
        errors.add(url + ": schema not available offline");
        continue;
      }
      Schema schema = registry.getSchema(SchemaLocation.of(url));
      for (Error e : schema.validate(doc)) {
        errors.add(url + ": " + e);
      }
    }
    return errors;
  }

  private static String stripFragment(String iri) {
    int hash = iri.indexOf('#');
    return hash < 0 ? iri : iri.substring(0, hash);
  }
}
