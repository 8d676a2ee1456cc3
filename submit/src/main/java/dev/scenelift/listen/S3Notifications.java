package dev.scenelift.listen;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scenelift.json.Json;
import dev.scenelift.scene.BundleName;
import dev.scenelift.store.S3Location;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads S3 event notifications as S3 sends them to SQS (or wrapped in an SNS envelope): the {@code ObjectCreated:*}
 * records of bundle files under a landing prefix. Other records (other events, other prefixes, files that are not
 * bundles, S3's test event) are ignored; a body that is not a notification at all is an error.
 */
final class S3Notifications {
  private S3Notifications() {}

  /**
   * @throws IllegalArgumentException when the body is not an S3 notification
   */
  static List<LandedBundle> bundles(String body, String landingPrefix) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("not an S3 notification (not a JSON object)");
    }
    if (root.path("Type").asText().equals("Notification") && root.path("Message").isTextual()) {
      return bundles(root.get("Message").asText(), landingPrefix);
    }
    if (root.path("Event").asText().equals("s3:TestEvent")) {
      return List.of();
    }
    JsonNode records = root.get("Records");
    if (records == null || !records.isArray()) {
      throw new IllegalArgumentException("not an S3 notification (no Records)");
    }
    List<LandedBundle> out = new ArrayList<>();
    for (JsonNode r : records) {
      if (!r.path("eventName").asText().startsWith("ObjectCreated:")) {
        continue;
      }
      String bucket = r.path("s3").path("bucket").path("name").asText("");
      String key = URLDecoder.decode(r.path("s3").path("object").path("key").asText(""), StandardCharsets.UTF_8);
      if (bucket.isEmpty() || key.isEmpty()) {
        throw new IllegalArgumentException("S3 record without bucket or key");
      }
      if (!key.startsWith(landingPrefix)) {
        continue;
      }
      String file = key.substring(key.lastIndexOf('/') + 1);
      BundleName name;
      try {
        name = BundleName.parse(file);
      } catch (IllegalArgumentException e) {
        continue;
      }
      out.add(new LandedBundle(new S3Location(bucket, key), name, r.path("s3").path("object").path("size").asLong(-1)));
    }
    return out;
  }
}
