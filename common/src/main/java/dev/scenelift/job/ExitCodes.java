package dev.scenelift.job;

/**
 * Exit codes of every job and of {@code submit-run}.
 *
 * <p>The contract of a job's array child (and of index-build): it exits {@link #OK} once every one of its scenes has
 * ended, done or failed, where a failed scene has its failure record (the cause, in the stage's tree) and one line on
 * stderr. A scene's failure is data, not a failed job: on AWS Batch a FAILED child would keep its N_TO_N dependents and
 * index-build from running, so one bad bundle would leave the tile without COGs downstream of it and without an index.
 * A child exits non-zero only when a retry can help ({@link #INFRASTRUCTURE}, also when a failure record could not be
 * written) or nothing can ({@link #USAGE}). AWS Batch's retry strategy keys on these: it EXITs on {@link
 * #SCENES_FAILED} and {@link #USAGE} and retries anything else (a crash, {@link #INFRASTRUCTURE}, a killed container).
 *
 * <p>{@code submit-run} (and {@code status}, {@code watch}, {@code validate}) exit {@link #SCENES_FAILED} when any
 * scene failed: they report the run, read from the markers and failure records.
 */
public final class ExitCodes {
  public static final int OK = 0;
  /** At least one scene failed; each has a failure record naming the cause. Not an exit code of a job's child. */
  public static final int SCENES_FAILED = 1;
  /** Bad arguments or configuration. */
  public static final int USAGE = 2;
  /**
   * The job could not do its work for reasons outside the data (S3 unreachable, manifest unreadable, a failure record
   * that could not be written). Retryable.
   */
  public static final int INFRASTRUCTURE = 3;

  private ExitCodes() {}

  /**
   * A child's exit code once it went through its scenes: {@link #OK} when every failed scene has its failure record,
   * else {@link #INFRASTRUCTURE}, so that a retry redoes the scenes that have neither marker nor record.
   *
   * @param unrecorded scenes that failed and whose failure record could not be written
   */
  public static int afterScenes(int unrecorded) {
    return unrecorded == 0 ? OK : INFRASTRUCTURE;
  }
}
