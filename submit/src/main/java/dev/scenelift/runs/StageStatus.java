package dev.scenelift.runs;

import dev.scenelift.batch.JobStatus;
import dev.scenelift.scene.Stage;
import java.util.EnumMap;
import java.util.Map;

/**
 * One stage's job as the engine reports it.
 *
 * @param stage the stage
 * @param jobId the job
 * @param children array children (1 for a plain job)
 * @param status the job's own status
 * @param counts children per status (DescribeJobs' {@code arrayProperties.statusSummary}); a plain job counts itself
 * @param reason the engine's status reason, if any
 */
public record StageStatus(
    Stage stage, String jobId, int children, JobStatus status, Map<JobStatus, Integer> counts, String reason) {
  public StageStatus {
    EnumMap<JobStatus, Integer> copy = new EnumMap<>(JobStatus.class);
    copy.putAll(counts);
    counts = java.util.Collections.unmodifiableMap(copy);
  }

  public int count(JobStatus s) {
    return counts.getOrDefault(s, 0);
  }

  /** Children that ended, well or not. */
  public int ended() {
    return count(JobStatus.SUCCEEDED) + count(JobStatus.FAILED);
  }

  public boolean isDone() {
    return status.isDone();
  }
}
