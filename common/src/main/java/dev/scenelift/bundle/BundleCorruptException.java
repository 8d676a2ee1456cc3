package dev.scenelift.bundle;

import dev.scenelift.scene.SceneException;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;

/** A bundle that is not a readable tar (or tar.gz): truncated, a corrupt header, bad gzip data. */
public final class BundleCorruptException extends SceneException {
  public BundleCorruptException(SceneId scene, Stage stage, String message, Throwable cause) {
    super(scene, stage, message, cause);
  }

  @Override
  public String kind() {
    return "corrupt-archive";
  }
}
