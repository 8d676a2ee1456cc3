package dev.scenelift.index;

import java.time.Instant;
import java.util.Objects;

/**
 * One object as a bucket listing shows it.
 *
 * @param key the full key
 * @param size bytes
 * @param lastModified when it was last written
 * @param etag the ETag, quotes removed
 */
record ListedObject(String key, long size, Instant lastModified, String etag) {
  ListedObject {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(lastModified, "lastModified");
    etag = etag == null ? "" : etag.replace("\"", "");
  }

  String name() {
    return key.substring(key.lastIndexOf('/') + 1);
  }
}
