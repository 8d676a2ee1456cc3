package dev.scenelift.bundle;

import dev.scenelift.scene.SceneException;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;

/** A bundle's source could not be read (missing, refused, unreachable). */
public final class SourceFailedException extends SceneException {
  public SourceFailedException(SceneId scene, Stage stage, String message, Throwable cause) {
    super(scene, stage, message, cause);
  }

  @Override
  public String kind() {
    return "source-unavailable";
  }
}
