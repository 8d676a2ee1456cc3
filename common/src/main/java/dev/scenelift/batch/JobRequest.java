package dev.scenelift.batch;

import dev.scenelift.scene.Stage;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One job to submit: what both engines (AWS Batch and the embedded one) take.
 *
 * @param name job name, {@code scenelift-<run-id>-<stage>}
 * @param stage which job image/definition
 * @param arraySize number of array children; 0 for a plain (non-array) job
 * @param dependsOn jobs this one waits for
 * @param environment environment overrides
 * @param command container command arguments
 * @param tags tags (run id, tile, stage)
 * @param attempts total attempts (retry strategy)
 * @param timeoutSeconds per-attempt timeout
 */
public record JobRequest(
    String name,
    Stage stage,
    int arraySize,
    List<JobDependency> dependsOn,
    Map<String, String> environment,
    List<String> command,
    Map<String, String> tags,
    int attempts,
    int timeoutSeconds) {

  public JobRequest {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(stage, "stage");
    if (arraySize < 0 || arraySize == 1 || arraySize > 10_000) {
      throw new IllegalArgumentException(
          "array size must be 0 (plain job) or 2–10000, got " + arraySize);
    }
    dependsOn = List.copyOf(dependsOn);
    if (dependsOn.size() > 20) {
      throw new IllegalArgumentException("at most 20 dependencies per job, got " + dependsOn.size());
    }
    environment = Map.copyOf(environment);
    command = List.copyOf(command);
    tags = Map.copyOf(tags);
    if (attempts < 1 || attempts > 10) {
      throw new IllegalArgumentException("attempts must be 1–10, got " + attempts);
    }
    if (timeoutSeconds < 60) {
      throw new IllegalArgumentException("timeout must be at least 60 s, got " + timeoutSeconds);
    }
  }

  public boolean isArray() {
    return arraySize > 0;
  }

  /** Children to run: the array size, or 1 for a plain job. */
  public int children() {
    return isArray() ? arraySize : 1;
  }
}
