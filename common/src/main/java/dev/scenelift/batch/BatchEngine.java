package dev.scenelift.batch;

import java.util.List;

/**
 * Runs jobs with AWS Batch's semantics. Two implementations: AWS Batch itself, and the embedded engine that runs the
 * same job entry points on this machine. The caller owns the engine and closes it.
 */
public interface BatchEngine extends AutoCloseable {
  /** Submits a job; its dependencies must have been submitted to this engine. Returns the job id. */
  String submit(JobRequest request);

  /** The current state of the given jobs. */
  List<JobState> describe(List<String> jobIds);

  @Override
  void close();
}
