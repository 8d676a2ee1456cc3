package dev.scenelift.eo3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.scenelift.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Open Data Cube's own JSON Schemas (copied with their licence into test resources, see
 * {@code dev/scenelift/eo3/schemas/README.md}): eo3's dataset and product schemas, and datacube-core's product
 * schema. Validates offline with networknt's validator, formats (uuid, date-time) asserted.
 */
public final class Eo3Schemas {
  /** The schemas a document is checked against. */
  public enum Kind {
    EO3_DATASET("eo3/dataset.schema.yaml"),
    EO3_PRODUCT("eo3/product-schema.yaml"),
    DATACUBE_PRODUCT("datacube-core/dataset-type-schema.yaml");

    final String file;

    Kind(String file) {
      this.file = file;
    }
  }

  /** Where the copies are found by their relative {@code $ref}s; no such host is contacted. */
  static final String BASE = "https://schemas.scenelift.invalid/odc/";

  private static final List<String> FILES =
      List.of(
          "eo3/dataset.schema.yaml",
          "eo3/product-schema.yaml",
          "eo3/metadata-type-schema.yaml",
          "datacube-core/dataset-type-schema.yaml",
          "datacube-core/metadata-type-schema.yaml");

  private final SchemaRegistry registry;

  public Eo3Schemas() {
    Map<String, String> schemas = new HashMap<>();
    YAMLMapper yaml = new YAMLMapper();
    for (String f : FILES) {
      try (InputStream in = Eo3Schemas.class.getResourceAsStream("schemas/" + f)) {
        if (in == null) {
          throw new IllegalStateException("schema resource missing: schemas/" + f);
        }
        schemas.put(BASE + f, Json.write(yaml.readTree(in)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_7,
            b ->
                b.schemas(schemas)
                    .schemaLoader(l -> l.fetchRemoteResources(false))
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
  }

  /** Every validation error; empty when the document is valid. */
  public List<String> validate(Kind kind, JsonNode doc) {
    Schema schema = registry.getSchema(SchemaLocation.of(BASE + kind.file));
    List<String> errors = new ArrayList<>();
    for (Error e : schema.validate(doc)) {
      errors.add(kind.file + ": " + e);
    }
    return errors;
  }
}
