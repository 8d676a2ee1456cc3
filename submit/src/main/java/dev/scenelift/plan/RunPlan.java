package dev.scenelift.plan;

import dev.scenelift.manifest.RunManifest;
import java.util.List;
import java.util.Objects;

/**
 * A run before anything is started: the manifest (scenes, task split, layout), the job graph, and what the planner
 * decided on the way that the user should hear about.
 *
 * @param manifest what each job reads
 * @param jobs the jobs to submit, in order
 * @param notes one line each: duplicate rows merged, older productions dropped, scenes left out by a filter (from
 *     {@link dev.scenelift.source.SceneFilter.Selection#notes()}); a dry run's note that sizes or md5s are not yet
 *     known. Printed before the run starts.
 */
public record RunPlan(RunManifest manifest, JobGraph jobs, List<String> notes) {
  public RunPlan {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(jobs, "jobs");
    notes = List.copyOf(notes);
  }

  /** A plan with nothing to report. */
  public RunPlan(RunManifest manifest, JobGraph jobs) {
    this(manifest, jobs, List.of());
  }

  public String runId() {
    return manifest.runId();
  }
}
