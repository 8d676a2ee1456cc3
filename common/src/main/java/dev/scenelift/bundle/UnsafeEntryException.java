package dev.scenelift.bundle;

import dev.scenelift.scene.SceneException;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;

/** A bundle entry that must not be unpacked: a path with '..' or a leading '/', a link, a device, a fifo, a nested path. */
public final class UnsafeEntryException extends SceneException {
  public UnsafeEntryException(SceneId scene, Stage stage, String message, Throwable cause) {
    super(scene, stage, message, cause);
  }

  @Override
  public String kind() {
    return "unsafe-entry";
  }
}
