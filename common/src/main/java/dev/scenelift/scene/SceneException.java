package dev.scenelift.scene;

import java.util.Objects;

/**
 * Something went wrong with one scene in one stage. Caught once, at the per-scene boundary: the scene gets a failure
 * record and the job moves on to its next scene.
 */
public class SceneException extends Exception {
  private final SceneId scene;
  private final Stage stage;

  public SceneException(SceneId scene, Stage stage, String message, Throwable cause) {
    super(message, cause);
    this.scene = Objects.requireNonNull(scene, "scene");
    this.stage = Objects.requireNonNull(stage, "stage");
  }

  public SceneException(SceneId scene, Stage stage, String message) {
    this(scene, stage, message, null);
  }

  public SceneId scene() {
    return scene;
  }

  public Stage stage() {
    return stage;
  }

  /** A short name for the kind of failure, as failure records and events carry it. */
  public String kind() {
    return "error";
  }

  /** One line: the scene, the stage and the cause. */
  public String oneLine() {
    return stage + ": " + scene + ": " + getMessage();
  }
}
