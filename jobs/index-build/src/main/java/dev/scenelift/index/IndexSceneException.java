package dev.scenelift.index;

import dev.scenelift.scene.SceneException;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;

/** A scene could not be indexed: its cloud.json is unreadable, or its bands could not be rendered. */
final class IndexSceneException extends SceneException {
  private final String kind;

  IndexSceneException(SceneId scene, String kind, String message, Throwable cause) {
    super(scene, Stage.INDEX, message, cause);
    this.kind = kind;
  }

  @Override
  public String kind() {
    return kind;
  }
}
