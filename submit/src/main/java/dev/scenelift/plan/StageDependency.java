package dev.scenelift.plan;

import dev.scenelift.batch.JobDependency.DependencyType;
import dev.scenelift.scene.Stage;
import java.util.Objects;

/**
 * An edge of the job graph: a job waits for the job of another stage of the same run.
 *
 * @param upstream the stage waited for
 * @param type N_TO_N (child i waits for child i) or WHOLE
 */
public record StageDependency(Stage upstream, DependencyType type) {
  public StageDependency {
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(type, "type");
  }
}
