package dev.scenelift.cog;

import dev.scenelift.scene.SceneException;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;

/** An input band is not a readable GeoTIFF (truncated, or an HTML error page saved as .TIF). */
final class InputCorruptException extends SceneException {
  InputCorruptException(SceneId scene, String message, Throwable cause) {
    super(scene, Stage.COG, message, cause);
  }

  @Override
  public String kind() {
    return "input-corrupt";
  }
}
