package dev.scenelift.runs;

import dev.scenelift.scene.Stage;
import java.time.Instant;
import java.util.Objects;

/**
 * A job an engine accepted for a run.
 *
 * @param stage the stage
 * @param name the job name, {@code scenelift-<run-id>-<stage>}
 * @param jobId the engine's job id
 * @param arraySize array size, 0 for a plain job
 * @param submitted when it was accepted
 */
public record RecordedJob(Stage stage, String name, String jobId, int arraySize, Instant submitted) {
  public RecordedJob {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(submitted, "submitted");
  }

  /** Children to track: the array size, or 1. */
  public int children() {
    return arraySize > 0 ? arraySize : 1;
  }
}
