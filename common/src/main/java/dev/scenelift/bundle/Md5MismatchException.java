package dev.scenelift.bundle;

import dev.scenelift.scene.SceneException;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;

/** A bundle whose bytes do not hash to the md5 its source lists. */
public final class Md5MismatchException extends SceneException {
  public Md5MismatchException(SceneId scene, Stage stage, String message, Throwable cause) {
    super(scene, stage, message, cause);
  }

  @Override
  public String kind() {
    return "md5-mismatch";
  }
}
