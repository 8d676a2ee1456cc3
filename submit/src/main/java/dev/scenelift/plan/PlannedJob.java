package dev.scenelift.plan;

import dev.scenelift.scene.Stage;
import java.util.List;
import java.util.Objects;

/**
 * One job of a run's graph, before submission.
 *
 * @param stage which job
 * @param arraySize array children, or 0 for a plain job
 * @param dependsOn the jobs of earlier stages it waits for
 */
public record PlannedJob(Stage stage, int arraySize, List<StageDependency> dependsOn) {
  public PlannedJob {
    Objects.requireNonNull(stage, "stage");
    if (arraySize < 0 || arraySize == 1 || arraySize > TaskSizing.MAX_TASKS) {
      throw new IllegalArgumentException(stage + ": array size must be 0 (plain job) or 2–10000, got " + arraySize);
    }
    dependsOn = List.copyOf(dependsOn);
  }

  public boolean isArray() {
    return arraySize > 0;
  }

  /** Array children, or 1 for a plain job. */
  public int children() {
    return isArray() ? arraySize : 1;
  }
}
