package dev.scenelift.plan;

import dev.scenelift.manifest.RunManifest;
import java.util.Objects;

/**
 * A run before anything is started: the manifest (scenes, task split, layout) and the job graph.
 *
 * @param manifest what each job reads
 * @param jobs the jobs to submit, in order
 */
public record RunPlan(RunManifest manifest, JobGraph jobs) {
  public RunPlan {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(jobs, "jobs");
  }

  public String runId() {
    return manifest.runId();
  }
}
