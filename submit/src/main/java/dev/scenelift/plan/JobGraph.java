package dev.scenelift.plan;

import dev.scenelift.batch.JobDependency.DependencyType;
import dev.scenelift.manifest.TaskSplit;
import dev.scenelift.scene.Stage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The jobs of a run in submission order: every job depends only on jobs before it.
 *
 * @param jobs the jobs, one per stage at most
 */
public record JobGraph(List<PlannedJob> jobs) {
  public JobGraph {
    jobs = List.copyOf(jobs);
    Set<Stage> seen = EnumSet.noneOf(Stage.class);
    for (PlannedJob job : jobs) {
      for (StageDependency d : job.dependsOn()) {
        if (!seen.contains(d.upstream())) {
          throw new IllegalArgumentException(job.stage() + " depends on " + d.upstream() + ", which comes later");
        }
      }
      if (!seen.add(job.stage())) {
        throw new IllegalArgumentException("stage " + job.stage() + " appears twice");
      }
    }
  }

  /**
   * The scenelift chain for a split: fetch-scene (array of ⌈N/k⌉, a plain job when that is 1) → cloud-filter (N_TO_N)
   * → cog-convert (N_TO_N) → index-build (plain job, WHOLE on cog-convert). Between plain jobs every edge is WHOLE. An
   * empty run has no jobs.
   */
  public static JobGraph chain(TaskSplit split) {
    int tasks = split.taskCount();
    if (tasks == 0) {
      return new JobGraph(List.of());
    }
    int arraySize = tasks == 1 ? 0 : tasks;
    DependencyType perTask = tasks == 1 ? DependencyType.WHOLE : DependencyType.N_TO_N;
    List<PlannedJob> jobs = new ArrayList<>();
    jobs.add(new PlannedJob(Stage.FETCH, arraySize, List.of()));
    jobs.add(new PlannedJob(Stage.FILTER, arraySize, List.of(new StageDependency(Stage.FETCH, perTask))));
    jobs.add(new PlannedJob(Stage.COG, arraySize, List.of(new StageDependency(Stage.FILTER, perTask))));
    jobs.add(new PlannedJob(Stage.INDEX, 0, List.of(new StageDependency(Stage.COG, DependencyType.WHOLE))));
    return new JobGraph(jobs);
  }

  public Optional<PlannedJob> job(Stage stage) {
    return jobs.stream().filter(j -> j.stage() == stage).findFirst();
  }

  public boolean isEmpty() {
    return jobs.isEmpty();
  }
}
