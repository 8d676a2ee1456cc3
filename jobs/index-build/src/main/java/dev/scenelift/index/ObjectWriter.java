package dev.scenelift.index;

import dev.scenelift.store.S3Location;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes index-build's outputs and remembers each one as a listing would show it, so the listing pages can include
 * this run's outputs without listing the buckets a second time. Safe for concurrent use.
 */
final class ObjectWriter {
  private final S3Client s3;
  private final Map<String, ListedObject> written = new ConcurrentHashMap<>();

  ObjectWriter(S3Client s3) {
    this.s3 = s3;
  }

  void put(S3Location loc, byte[] body, String contentType) {
    String etag =
        s3.putObject(
                b -> b.bucket(loc.bucket()).key(loc.key()).contentType(contentType), RequestBody.fromBytes(body))
            .eTag();
    written.put(loc.bucket() + "/" + loc.key(), new ListedObject(loc.key(), body.length, Instant.now(), etag));
  }

  /** A listing of {@code root} taken before this run's writes, updated with what was written under it since. */
  List<ListedObject> merged(S3Location root, Collection<ListedObject> listedBefore) {
    Map<String, ListedObject> byKey = new LinkedHashMap<>();
    for (ListedObject o : listedBefore) {
      byKey.put(o.key(), o);
    }
    String prefix = root.bucket() + "/" + root.key();
    written.forEach(
        (bucketKey, o) -> {
          if (bucketKey.startsWith(prefix)) {
            byKey.put(o.key(), o);
          }
        });
    List<ListedObject> out = new ArrayList<>(byKey.values());
    out.sort(java.util.Comparator.comparing(ListedObject::key));
    return out;
  }
}
