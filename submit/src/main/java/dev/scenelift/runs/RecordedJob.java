package dev.scenelift.runs;

import dev.scenelift.scene.Stage;
import dev.scenelift.batch.JobState;
import java.time.Instant;
import java.util.Optional;
import java.util.Objects;

/**
 * A job an engine accepted for a run.
 *
 * @param stage the stage
 * @param name the job name, {@code scenelift-<run-id>-<stage>}
 * @param jobId the engine's job id
 * @param arraySize array size, 0 for a plain job
 * @param submitted when it was accepted
 * @param ended its final state, recorded by engines whose jobs do not outlive the process (the embedded engine), so
 *     that status and watch can still report it later
 */
public record RecordedJob(
    Stage stage, String name, String jobId, int arraySize, Instant submitted, Optional<JobState> ended) {
  public RecordedJob {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(submitted, "submitted");
    ended = ended == null ? Optional.empty() : ended;
  }

  public RecordedJob(Stage stage, String name, String jobId, int arraySize, Instant submitted) {
    this(stage, name, jobId, arraySize, submitted, Optional.empty());
  }

  public RecordedJob withEnded(JobState state) {
    return new RecordedJob(stage, name, jobId, arraySize, submitted, Optional.of(state));
  }

  /** Children to track: the array size, or 1. */
  public int children() {
    return arraySize > 0 ? arraySize : 1;
  }
}
