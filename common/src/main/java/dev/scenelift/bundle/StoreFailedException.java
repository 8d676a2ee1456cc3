package dev.scenelift.bundle;

import dev.scenelift.scene.SceneException;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;

/** Writing a scene's objects to S3 failed. */
public final class StoreFailedException extends SceneException {
  public StoreFailedException(SceneId scene, Stage stage, String message, Throwable cause) {
    super(scene, stage, message, cause);
  }

  @Override
  public String kind() {
    return "store-write";
  }
}
