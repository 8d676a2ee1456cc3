package dev.scenelift.event;

import dev.scenelift.job.JobConfig;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One event on the events queue: a scene finished (or failed) a stage, or a run's index was built. Sent as JSON.
 *
 * @param type what happened
 * @param runId the run
 * @param scene the scene; empty for {@link EventType#RUN_INDEXED}
 * @param stage the stage that reports it
 * @param attempt the Batch attempt, from 1
 * @param bytes bytes the stage wrote for the scene (0 when unknown or failed)
 * @param seconds how long the stage worked on it
 * @param error the one-line cause, only for {@link EventType#SCENE_FAILED}
 * @param at when
 */
public record SceneEvent(
    EventType type,
    String runId,
    Optional<SceneId> scene,
    Stage stage,
    int attempt,
    long bytes,
    double seconds,
    Optional<String> error,
    Instant at) {

  public SceneEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(scene, "scene");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(at, "at");
    if (type != EventType.RUN_INDEXED && scene.isEmpty()) {
      throw new IllegalArgumentException(type + " needs a scene id");
    }
    if (type == EventType.SCENE_FAILED && error.isEmpty()) {
      throw new IllegalArgumentException("scene.failed needs an error");
    }
  }

  /** A scene finished {@code stage} in the job described by {@code config}. */
  public static SceneEvent succeeded(
      JobConfig config, Stage stage, SceneId scene, long bytes, Duration took) {
    return new SceneEvent(
        EventType.succeeded(stage),
        config.runId(),
        Optional.of(scene),
        stage,
        config.attempt(),
        bytes,
        took.toMillis() / 1000.0,
        Optional.empty(),
        Instant.now());
  }

  /** A scene failed {@code stage}; {@code cause} is its one-line error. */
  public static SceneEvent failed(JobConfig config, Stage stage, SceneId scene, String cause, Duration took) {
    return new SceneEvent(
        EventType.SCENE_FAILED,
        config.runId(),
        Optional.of(scene),
        stage,
        config.attempt(),
        0,
        took.toMillis() / 1000.0,
        Optional.of(cause),
        Instant.now());
  }

  /** index-build wrote the run's index. */
  public static SceneEvent indexed(JobConfig config, long bytes, Duration took) {
    return new SceneEvent(
        EventType.RUN_INDEXED,
        config.runId(),
        Optional.empty(),
        Stage.INDEX,
        config.attempt(),
        bytes,
        took.toMillis() / 1000.0,
        Optional.empty(),
        Instant.now());
  }
}
