package dev.scenelift.batch;

/** AWS Batch's job states, in lifecycle order. */
public enum JobStatus {
  SUBMITTED,
  PENDING,
  RUNNABLE,
  STARTING,
  RUNNING,
  SUCCEEDED,
  FAILED;

  public boolean isDone() {
    return this == SUCCEEDED || this == FAILED;
  }
}
