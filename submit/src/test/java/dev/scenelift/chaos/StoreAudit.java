package dev.scenelift.chaos;

import dev.scenelift.json.Json;
import dev.scenelift.marker.CompletionMarker;
import dev.scenelift.scene.SceneId;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;
import dev.scenelift.store.StoredObject;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What a bucket holds after a run, checked against the completion markers: every listed object exists with its size and
 * checksum (lost / half-written otherwise), no data object under a scene's directory is left unlisted (orphaned), and
 * no multipart upload is left open.
 *
 * @param objects every key with its size
 * @param markers every completion marker, by key
 * @param lost listed by a marker, missing from the store
 * @param halfWritten listed by a marker, present with another size or checksum
 * @param orphans data objects under a scene's directory that no marker lists
 * @param openUploads multipart uploads not completed or aborted, as {@code key (uploadId)}
 */
record StoreAudit(
    Map<String, Long> objects,
    Map<String, CompletionMarker> markers,
    List<String> lost,
    List<String> halfWritten,
    List<String> orphans,
    List<String> openUploads) {

  static StoreAudit of(S3Client s3, String bucket) {
    Map<String, Long> objects = new TreeMap<>();
    s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().forEach((S3Object o) -> objects.put(o.key(), o.size()));
    Map<String, CompletionMarker> markers = new TreeMap<>();
    for (String key : objects.keySet()) {
      if (key.contains("/" + KeyLayout.CONTROL_DIR + "/") && key.endsWith(".done.json")) {
        byte[] body = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        markers.put(key, Json.read(body, CompletionMarker.class));
      }
    }
    List<String> lost = new ArrayList<>();
    List<String> halfWritten = new ArrayList<>();
    Set<String> listed = new HashSet<>();
    for (Map.Entry<String, CompletionMarker> m : markers.entrySet()) {
      for (StoredObject o : m.getValue().objects()) {
        String key = keyOf(o.key());
        listed.add(key);
        Long size = objects.get(key);
        if (size == null) {
          lost.add(key + " (listed by " + m.getKey() + ")");
        } else if (size != o.size()) {
          halfWritten.add(key + ": " + size + " bytes, marker says " + o.size());
        } else if (!checksumMatches(s3, bucket, key, o.checksum())) {
          halfWritten.add(key + ": checksum differs from the marker's " + o.checksum());
        }
      }
    }
    List<String> orphans = new ArrayList<>();
    for (String key : objects.keySet()) {
      String[] parts = key.split("/");
      boolean underScene =
          (parts[0].equals("raw") || parts[0].equals("opt") || parts[0].equals("cog"))
              && parts.length >= 4
              && isSceneId(parts[2]);
      boolean control = key.contains("/" + KeyLayout.CONTROL_DIR + "/");
      boolean indexOutput = // index-build's per-scene outputs, which it lists in no marker
          key.endsWith("_stac-item.json") || key.endsWith(".odc-metadata.yaml") || key.endsWith("/AAlist.html")
              || key.endsWith("_map-preview.tif");
      if (underScene && !control && !indexOutput && !listed.contains(key)) {
        orphans.add(key);
      }
    }
    List<String> open = new ArrayList<>();
    s3.listMultipartUploadsPaginator(b -> b.bucket(bucket))
        .uploads()
        .forEach(u -> open.add(u.key() + " (" + u.uploadId() + ")"));
    return new StoreAudit(objects, markers, lost, halfWritten, orphans, open);
  }

  private static boolean isSceneId(String text) {
    try {
      SceneId.parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Markers list bare keys, or (cloud-filter) whole {@code s3://} locations. */
  static String keyOf(String listed) {
    return listed.startsWith("s3://") ? S3Location.parse(listed).key() : listed;
  }

  private static boolean checksumMatches(S3Client s3, String bucket, String key, String checksum) {
    int colon = checksum.indexOf(':');
    if (colon < 0) {
      return true; // "none": nothing to compare
    }
    String algorithm = checksum.substring(0, colon);
    String expected = checksum.substring(colon + 1);
    if (algorithm.equals("etag")) { // cloud-filter's server-side copies into opt/
      return s3.headObject(b -> b.bucket(bucket).key(key)).eTag().replace("\"", "").equalsIgnoreCase(expected);
    }
    byte[] body = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    return switch (algorithm) {
      case "md5" -> HexFormat.of().formatHex(md5(body)).equalsIgnoreCase(expected);
      case "crc32c" -> {
        CRC32C crc = new CRC32C();
        crc.update(body);
        yield HexFormat.of().toHexDigits((int) crc.getValue()).equalsIgnoreCase(expected);
      }
      default -> throw new IllegalStateException("unknown checksum algorithm in a marker: " + checksum);
    };
  }

  static byte[] md5(byte[] body) {
    try {
      return MessageDigest.getInstance("MD5").digest(body);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  boolean clean() {
    return lost.isEmpty() && halfWritten.isEmpty() && orphans.isEmpty() && openUploads.isEmpty();
  }

  String summary() {
    return "objects=" + objects.size() + " markers=" + markers.size() + " lost=" + lost + " halfWritten=" + halfWritten
        + " orphans=" + orphans + " openUploads=" + openUploads;
  }
}
