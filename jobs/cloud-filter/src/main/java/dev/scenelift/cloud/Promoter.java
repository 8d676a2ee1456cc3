package dev.scenelift.cloud;

import dev.scenelift.scene.SceneId;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;
import dev.scenelift.store.StoredObject;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Copies a cloud-free scene's raw objects (bundle files, metadata XML, cloud.json; not the control markers) into the
 * opt tree with server-side CopyObject, keeping their relative keys; and removes a scene from the opt tree when it is
 * no longer cloud-free. CopyObject handles objects up to 5 GB, far above any ARD band file.
 */
final class Promoter {
  private final S3Client s3;
  private final KeyLayout layout;

  Promoter(S3Client s3, KeyLayout layout) {
    this.s3 = s3;
    this.layout = layout;
  }

  List<StoredObject> promote(SceneId scene) {
    S3Location from = layout.sceneDir(layout.raw(), scene);
    S3Location to = layout.sceneDir(layout.opt(), scene);
    List<StoredObject> copied = new ArrayList<>();
    for (S3Object o : list(from)) {
      String relative = o.key().substring(from.key().length());
      if (relative.startsWith(KeyLayout.CONTROL_DIR + "/")) {
        continue;
      }
      S3Location target = to.resolve(relative);
      String etag =
          s3.copyObject(
                  b ->
                      b.sourceBucket(from.bucket())
                          .sourceKey(o.key())
                          .destinationBucket(target.bucket())
                          .destinationKey(target.key()))
              .copyObjectResult()
              .eTag();
      // the copy's own ETag: a copy of a multipart upload is one part, with another ETag than its source
      copied.add(new StoredObject(target.toString(), o.size(), "etag:" + etag.replace("\"", "")));
    }
    return copied;
  }

  /** Removes the scene's objects from the opt tree; returns how many there were. */
  int demote(SceneId scene) {
    S3Location dir = layout.sceneDir(layout.opt(), scene);
    int n = 0;
    for (S3Object o : list(dir)) {
      s3.deleteObject(b -> b.bucket(dir.bucket()).key(o.key()));
      n++;
    }
    return n;
  }

  private List<S3Object> list(S3Location dir) {
    List<S3Object> out = new ArrayList<>();
    s3.listObjectsV2Paginator(b -> b.bucket(dir.bucket()).prefix(dir.key())).contents().forEach(out::add);
    return out;
  }
}
