package dev.scenelift.batch.aws;

import dev.scenelift.batch.BatchEngine;
import dev.scenelift.batch.JobRequest;
import dev.scenelift.batch.JobState;
import dev.scenelift.batch.JobStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link BatchEngine} that makes no call at all: it renders each request as the exact SubmitJob body AWS would
 * receive, keeps it, and answers with a placeholder id {@code dry-run-<stage>} so later stages can depend on it.
 * {@code --dry-run} submits the run's jobs through it and prints {@link #bodies()}.
 */
public final class DryRunEngine implements BatchEngine {
  private final SubmitJobBodies render;
  private final List<SubmitJobBody> bodies = new ArrayList<>();

  public DryRunEngine(AwsRunConfig config) {
    this.render = new SubmitJobBodies(config);
  }

  @Override
  public synchronized String submit(JobRequest request) {
    bodies.add(render.of(request));
    return "dry-run-" + request.stage().jobName();
  }

  @Override
  public synchronized List<JobState> describe(List<String> jobIds) {
    return jobIds.stream().map(id -> new JobState(id, id, JobStatus.SUBMITTED, Map.of(), "dry run")).toList();
  }

  /** The bodies that would have been sent, in submission order. */
  public synchronized List<SubmitJobBody> bodies() {
    return List.copyOf(bodies);
  }

  @Override
  public void close() {}
}
