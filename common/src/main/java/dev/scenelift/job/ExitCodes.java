package dev.scenelift.job;

/**
 * Exit codes of every job and of {@code submit-run}. AWS Batch's retry strategy keys on them: {@link #SCENES_FAILED}
 * and {@link #USAGE} are data or configuration errors that a retry cannot fix, so the job definitions EXIT on them;
 * anything else (a crash, {@link #INFRASTRUCTURE}, a killed container) is retried.
 */
public final class ExitCodes {
  public static final int OK = 0;
  /** At least one scene failed; each has a failure record naming the cause. */
  public static final int SCENES_FAILED = 1;
  /** Bad arguments or configuration. */
  public static final int USAGE = 2;
  /** The job could not do its work for reasons outside the data (S3 unreachable, manifest unreadable). Retryable. */
  public static final int INFRASTRUCTURE = 3;

  private ExitCodes() {}
}
