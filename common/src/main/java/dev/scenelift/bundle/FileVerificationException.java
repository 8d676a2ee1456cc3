package dev.scenelift.bundle;

import dev.scenelift.scene.SceneException;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;

/** A single source file whose bytes are not what its catalog or its source says: wrong size, checksum or ETag. */
public final class FileVerificationException extends SceneException {
  private final String kind;

  /**
   * @param kind {@code size-mismatch}, {@code checksum-mismatch} or {@code etag-mismatch}
   */
  public FileVerificationException(SceneId scene, Stage stage, String kind, String message) {
    super(scene, stage, message, null);
    this.kind = kind;
  }

  @Override
  public String kind() {
    return kind;
  }
}
