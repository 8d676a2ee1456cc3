package dev.scenelift.fetch;

import dev.scenelift.bundle.SceneWrites;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * Undoes a failed attempt at a scene: waits for its uploads to settle, removes any marker, deletes every object the
 * attempt started to write, and aborts multipart uploads still open under the scene's directory. Also clears, before a
 * scene starts, the multipart uploads an earlier attempt left open when it was killed (SIGKILL, Spot reclaim): no
 * other process writes a scene while this attempt owns it.
 */
final class SceneCleanup {
  private final S3Client s3;
  private final KeyLayout layout;

  SceneCleanup(S3Client s3, KeyLayout layout) {
    this.s3 = s3;
    this.layout = layout;
  }

  void undo(SceneId scene, SceneWrites writes) {
    writes.awaitQuietly();
    S3Location marker = layout.marker(Stage.FETCH, scene);
    s3.deleteObject(b -> b.bucket(marker.bucket()).key(marker.key()));
    for (S3Location written : writes.attempted()) {
      s3.deleteObject(b -> b.bucket(written.bucket()).key(written.key()));
    }
    abortOpenUploads(scene);
  }

  /** Aborts every multipart upload open under the scene's raw directory; returns how many. */
  int abortOpenUploads(SceneId scene) {
    S3Location dir = layout.sceneDir(layout.raw(), scene);
    int aborted = 0;
    for (MultipartUpload upload :
        s3.listMultipartUploadsPaginator(b -> b.bucket(dir.bucket()).prefix(dir.key())).uploads()) {
      s3.abortMultipartUpload(b -> b.bucket(dir.bucket()).key(upload.key()).uploadId(upload.uploadId()));
      aborted++;
    }
    return aborted;
  }
}
