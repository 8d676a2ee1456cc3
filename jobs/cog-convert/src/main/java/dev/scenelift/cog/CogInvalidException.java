package dev.scenelift.cog;

import dev.scenelift.scene.SceneException;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;

/** A converted band failed COG validation; nothing of it is kept. */
final class CogInvalidException extends SceneException {
  CogInvalidException(SceneId scene, String message, Throwable cause) {
    super(scene, Stage.COG, message, cause);
  }

  @Override
  public String kind() {
    return "cog-invalid";
  }
}
