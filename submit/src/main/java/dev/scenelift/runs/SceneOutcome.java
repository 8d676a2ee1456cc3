package dev.scenelift.runs;

import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one scene of a run stands, from its markers and failure records.
 *
 * @param scene the scene
 * @param state the outcome
 * @param stage the stage it reached: the last finished one, or the one that failed or is still to come
 * @param detail a failure's kind and message, or why the scene was excluded
 */
public record SceneOutcome(SceneId scene, State state, Optional<Stage> stage, String detail) {
  public SceneOutcome {
    Objects.requireNonNull(scene, "scene");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(detail, "detail");
  }

  public enum State {
    /** cog-convert finished it. */
    SUCCEEDED,
    /** cloud-filter's verdict leaves it out of the run's COG selection (the research set by default): done. */
    EXCLUDED,
    /** A stage wrote a failure record and no later attempt finished it. */
    FAILED,
    /** Not finished and not failed (yet). */
    PENDING;

    /** Succeeded or excluded: a retry has nothing to do for it. */
    public boolean isFinished() {
      return this == SUCCEEDED || this == EXCLUDED;
    }
  }
}
