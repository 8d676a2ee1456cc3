package dev.scenelift.fetch;

import dev.scenelift.scene.SceneException;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;

/** The source described the scene unusably (e.g. a malformed STAC item); nothing of it can be fetched. */
final class SourceDescriptionException extends SceneException {
  SourceDescriptionException(SceneId scene, String problem) {
    super(scene, Stage.FETCH, problem);
  }

  @Override
  public String kind() {
    return "source-malformed";
  }
}
