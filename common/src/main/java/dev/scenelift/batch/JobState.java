package dev.scenelift.batch;

import java.util.EnumMap;
import java.util.Map;

/**
 * What an engine says of a job: its own status and, for an array, how many children are in each state.
 *
 * @param jobId the job
 * @param name its name
 * @param status the parent's status
 * @param children child counts per status (empty for a plain job)
 * @param reason the status reason, if any
 */
public record JobState(String jobId, String name, JobStatus status, Map<JobStatus, Integer> children, String reason) {
  public JobState {
    EnumMap<JobStatus, Integer> copy = new EnumMap<>(JobStatus.class);
    copy.putAll(children);
    children = java.util.Collections.unmodifiableMap(copy);
  }

  public int count(JobStatus s) {
    return children.getOrDefault(s, 0);
  }
}
