package dev.scenelift.bundle;

import dev.scenelift.scene.SceneException;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;

/** A bundle larger than its listed size, or expanding past the limit: refused as a decompression bomb. */
public final class BundleTooLargeException extends SceneException {
  public BundleTooLargeException(SceneId scene, Stage stage, String message, Throwable cause) {
    super(scene, stage, message, cause);
  }

  @Override
  public String kind() {
    return "bundle-too-large";
  }
}
