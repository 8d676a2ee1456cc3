package dev.scenelift.cog;

import dev.scenelift.scene.SceneException;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;

/** Reading, converting or uploading a scene failed for a reason other than bad input. */
final class CogConvertException extends SceneException {
  CogConvertException(SceneId scene, String message, Throwable cause) {
    super(scene, Stage.COG, message, cause);
  }

  @Override
  public String kind() {
    return "convert-failed";
  }
}
