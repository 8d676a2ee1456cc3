package dev.scenelift.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scenelift.manifest.FileChecksum;
import dev.scenelift.manifest.FileSource;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.InvalidSceneIdException;
import dev.scenelift.scene.SceneId;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One item of a USGS Collection 2 ARD STAC search, read into the scene's single files: its id is the tile id plus a
 * product suffix ({@code LC08_CU_003003_20210618_20210702_02_SR}); each asset whose file is named after the scene
 * ({@code <id>_<BAND>.TIF}, {@code <id>.xml}) becomes a {@link FileSource} in the bundle folder its band names ({@code
 * QA_*} → QA, {@code SR_*} → SR, {@code ST_*} → ST, {@code BT_*} → BT, {@code TOA_*} → TOA; others: the item's
 * collection's), with {@code file:size} and {@code file:checksum} when the asset has them. Other assets (STAC JSON,
 * browse images, HTML pages) are not files of the scene and are left out.
 *
 * @param itemId the item's id
 * @param scene the scene
 * @param files the scene's files the item lists
 * @param cloudCover {@code eo:cloud_cover}, when given
 * @param fill {@code landsat:fill}, when given
 * @param problem why the item cannot be used, naming the field, when it cannot
 */
record StacItem(
    String itemId,
    SceneId scene,
    List<FileSource> files,
    OptionalDouble cloudCover,
    OptionalDouble fill,
    Optional<String> problem) {
  private static final Pattern SUFFIX = Pattern.compile("^(.+_02)_(SR|ST|BT|TA|TOA|QA)$");
  private static final Map<String, Bundle> BY_PREFIX =
      Map.of("QA", Bundle.QA, "SR", Bundle.SR, "ST", Bundle.ST, "BT", Bundle.BT, "TOA", Bundle.TOA);

  StacItem {
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(scene, "scene");
    files = List.copyOf(files);
  }

  /** An item that is not one of an ARD tile: skipped, with why. */
  static final class NotAnArdItem extends Exception {
    NotAnArdItem(String message) {
      super(message);
    }
  }

  /**
   * Reads an item.
   *
   * @param s3Hrefs take {@code alternate.s3.href} where an asset has one
   * @throws NotAnArdItem when the item has no id that names an ARD tile (nothing to plan it as)
   */
  static StacItem read(JsonNode item, boolean s3Hrefs) throws NotAnArdItem {
    String id = item.path("id").asText("");
    if (id.isEmpty()) {
      throw new NotAnArdItem("an item has no id");
    }
    Matcher m = SUFFIX.matcher(id);
    SceneId scene;
    try {
      scene = SceneId.parse(m.matches() ? m.group(1) : id);
    } catch (InvalidSceneIdException e) {
      throw new NotAnArdItem("item '" + id + "' is not an ARD tile's (" + e.getMessage() + ")");
    }
    Bundle itemBundle = itemBundle(item, m.matches() ? m.group(2) : "");
    JsonNode props = item.path("properties");
    List<String> problems = new ArrayList<>();
    OptionalDouble cloud = percent(props, "eo:cloud_cover", problems);
    OptionalDouble fill = percent(props, "landsat:fill", problems);
    JsonNode assets = item.path("assets");
    List<FileSource> files = new ArrayList<>();
    if (!assets.isObject()) {
      problems.add("has no assets object");
    } else {
      for (Iterator<Map.Entry<String, JsonNode>> it = assets.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> a = it.next();
        try {
          file(scene, itemBundle, a.getKey(), a.getValue(), s3Hrefs).ifPresent(files::add);
        } catch (IllegalArgumentException e) {
          problems.add("asset '" + a.getKey() + "' " + e.getMessage());
        }
      }
      if (problems.isEmpty() && files.isEmpty()) {
        problems.add("lists no GeoTIFF asset named after the scene");
      }
    }
    Optional<String> problem =
        problems.isEmpty() ? Optional.empty() : Optional.of("STAC item " + id + " " + String.join("; ", problems));
    return new StacItem(id, scene, problem.isPresent() ? List.of() : files, cloud, fill, problem);
  }

  private static Bundle itemBundle(JsonNode item, String suffix) {
    String collection = item.path("collection").asText("");
    int dash = collection.lastIndexOf('-');
    String product = dash >= 0 ? collection.substring(dash + 1) : suffix;
    return switch (product.toUpperCase(Locale.ROOT)) {
      case "ST" -> Bundle.ST;
      case "BT" -> Bundle.BT;
      case "TA", "TOA" -> Bundle.TOA;
      case "QA" -> Bundle.QA;
      default -> Bundle.SR;
    };
  }

  private static OptionalDouble percent(JsonNode props, String field, List<String> problems) {
    JsonNode v = props.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return OptionalDouble.empty();
    }
    if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 100) {
      problems.add("has properties." + field + " " + v + ", not a percentage");
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(v.asDouble());
  }

  /** The asset as a file of the scene, or empty when it is not one (a JSON, a browse image, an HTML index). */
  private static Optional<FileSource> file(
      SceneId scene, Bundle itemBundle, String key, JsonNode asset, boolean s3Hrefs) {
    JsonNode href = asset.path("href");
    if (!href.isTextual() || href.asText().isBlank()) {
      throw new IllegalArgumentException("has no href");
    }
    JsonNode alternate = asset.path("alternate").path("s3").path("href");
    String chosen = s3Hrefs && alternate.isTextual() && !alternate.asText().isBlank() ? alternate.asText()
        : href.asText();
    URI uri;
    try {
      uri = new URI(chosen.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("has a malformed href '" + chosen + "'");
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    String name = path.substring(path.lastIndexOf('/') + 1);
    String prefix = scene + "_";
    Bundle bundle;
    if (name.equals(scene + ".xml")) {
      bundle = itemBundle;
    } else if (name.startsWith(prefix) && name.toUpperCase(Locale.ROOT).endsWith(".TIF")) {
      String band = name.substring(prefix.length());
      int underscore = band.indexOf('_');
      bundle = BY_PREFIX.getOrDefault(underscore < 0 ? "" : band.substring(0, underscore), itemBundle);
    } else {
      return Optional.empty();
    }
    if (uri.getScheme() == null || !List.of("http", "https", "s3").contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("has href '" + chosen + "', not an http(s):// or s3:// URL");
    }
    JsonNode size = asset.path("file:size");
    long bytes = -1;
    if (!size.isMissingNode() && !size.isNull()) {
      if (!size.canConvertToLong() || size.asLong() < 0) {
        throw new IllegalArgumentException("has file:size " + size + ", not a byte count");
      }
      bytes = size.asLong();
    }
    JsonNode checksum = asset.path("file:checksum");
    Optional<FileChecksum> sum = Optional.empty();
    if (!checksum.isMissingNode() && !checksum.isNull()) {
      if (!checksum.isTextual()) {
        throw new IllegalArgumentException("has file:checksum " + checksum + ", not a multihash string");
      }
      sum = Optional.of(FileChecksum.parseMultihash(checksum.asText()));
    }
    return Optional.of(new FileSource(bundle, name, uri, bytes, sum));
  }
}
