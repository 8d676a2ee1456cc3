package dev.scenelift.cog;

import dev.scenelift.scene.SceneException;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;

/** The scene cannot be converted yet: no cloud verdict, or inputs missing from the raw tree. */
final class SceneNotReadyException extends SceneException {
  SceneNotReadyException(SceneId scene, String message, Throwable cause) {
    super(scene, Stage.COG, message, cause);
  }

  @Override
  public String kind() {
    return "not-ready";
  }
}
