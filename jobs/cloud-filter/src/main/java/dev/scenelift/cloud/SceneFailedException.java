package dev.scenelift.cloud;

import dev.scenelift.scene.SceneException;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;

/** A scene cannot be judged: its metadata or QA band is missing or unreadable. {@link #kind()} says which. */
final class SceneFailedException extends SceneException {
  private final String kind;

  SceneFailedException(SceneId scene, String kind, String message, Throwable cause) {
    super(scene, Stage.FILTER, message, cause);
    this.kind = kind;
  }

  @Override
  public String kind() {
    return kind;
  }
}
