package dev.scenelift.batch;

import java.util.Objects;

/**
 * A dependency on another job, with AWS Batch's semantics.
 *
 * @param jobId the job depended on
 * @param type {@link DependencyType#N_TO_N}: child i waits for child i; {@link DependencyType#WHOLE}: wait for the whole
 *     job (all children)
 */
public record JobDependency(String jobId, DependencyType type) {
  public JobDependency {
    Objects.requireNonNull(jobId, "jobId");
    Objects.requireNonNull(type, "type");
  }

  public enum DependencyType {
    N_TO_N,
    WHOLE
  }
}
