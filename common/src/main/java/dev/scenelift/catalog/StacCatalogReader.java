package dev.scenelift.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scenelift.json.Json;
import dev.scenelift.scene.InvalidSceneIdException;
import dev.scenelift.scene.SceneId;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Reads catalog cloud values from STAC: a single Item, or a FeatureCollection/ItemCollection of items (as a STAC API
 * search returns). Uses {@code eo:cloud_cover} (required) and {@code landsat:fill} (optional) from {@code properties};
 * the scene id is the item id, without the product suffix USGS appends ({@code _SR}, {@code _ST}, {@code _BT},
 * {@code _QA}, {@code _TOA}, {@code _TA}).
 */
public final class StacCatalogReader {
  private static final Pattern PRODUCT_SUFFIX = Pattern.compile("_(SR|ST|BT|QA|TOA|TA)$");

  /** Reads an item or item collection from a file. */
  public Map<SceneId, CatalogCloud> read(java.nio.file.Path file) throws IOException, MalformedCatalogException {
    try (InputStream in = java.nio.file.Files.newInputStream(file)) {
      return read(in, file.getFileName().toString());
    }
  }

  /** Reads an item or item collection from a stream the caller owns (not closed here). */
  public Map<SceneId, CatalogCloud> read(InputStream in, String source) throws IOException, MalformedCatalogException {
    JsonNode root = Json.mapper().readTree(in);
    if (root == null || !root.isObject()) {
      throw new MalformedCatalogException(source + ": not a STAC item or item collection");
    }
    Map<SceneId, CatalogCloud> out = new LinkedHashMap<>();
    if (root.has("features")) {
      int i = 0;
      for (JsonNode item : root.get("features")) {
        CatalogCloud c = item(item, source + " features[" + i++ + "]", source);
        out.put(c.scene(), c);
      }
    } else {
      CatalogCloud c = item(root, source, source);
      out.put(c.scene(), c);
    }
    return out;
  }

  /** One STAC item. */
  public CatalogCloud item(JsonNode item, String where, String source) throws MalformedCatalogException {
    String idText = item.path("id").asText("");
    if (idText.isEmpty()) {
      throw new MalformedCatalogException(where + ": the item has no id");
    }
    SceneId id;
    try {
      id = SceneId.parse(PRODUCT_SUFFIX.matcher(idText).replaceFirst(""));
    } catch (InvalidSceneIdException e) {
      throw new MalformedCatalogException(where + ": item id '" + idText + "' is not an ARD tile id", e);
    }
    JsonNode props = item.path("properties");
    JsonNode cloud = props.path("eo:cloud_cover");
    if (!cloud.isNumber()) {
      throw new MalformedCatalogException(
          where + " (" + id + "): properties.eo:cloud_cover is " + (cloud.isMissingNode() ? "missing" : "not a number"));
    }
    JsonNode fill = props.path("landsat:fill");
    if (!fill.isMissingNode() && !fill.isNull() && !fill.isNumber()) {
      throw new MalformedCatalogException(where + " (" + id + "): properties.landsat:fill is not a number");
    }
    try {
      return new CatalogCloud(
          id,
          cloud.asDouble(),
          fill.isNumber() ? OptionalDouble.of(fill.asDouble()) : OptionalDouble.empty(),
          "stac:" + source);
    } catch (IllegalArgumentException e) {
      throw new MalformedCatalogException(where + ": " + e.getMessage(), e);
    }
  }
}
