package dev.scenelift.index;

import dev.scenelift.store.S3Location;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/** Lists every object under a prefix (ListObjectsV2, 1000 keys a page). */
final class ObjectLister {
  private final S3Client s3;

  ObjectLister(S3Client s3) {
    this.s3 = s3;
  }

  List<ListedObject> list(S3Location prefix) {
    List<ListedObject> out = new ArrayList<>();
    s3.listObjectsV2Paginator(b -> b.bucket(prefix.bucket()).prefix(prefix.key()))
        .contents()
        .forEach(o -> out.add(new ListedObject(o.key(), o.size(), o.lastModified(), o.eTag())));
    return out;
  }
}
