package dev.scenelift.runs;

import dev.scenelift.scene.Stage;
import dev.scenelift.store.RunIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code runs/<run-id>/jobs.json}: the jobs an engine accepted for a run, in submission order. Written after each
 * accepted submission; how status, watch and retry find a run's jobs from its id, on any engine.
 *
 * @param runId the run
 * @param jobs the accepted jobs
 */
public record RunJobs(String runId, List<RecordedJob> jobs) {
  public RunJobs {
    RunIds.requireValid(runId);
    jobs = List.copyOf(jobs);
  }

  public static RunJobs none(String runId) {
    return new RunJobs(runId, List.of());
  }

  public Optional<RecordedJob> byName(String name) {
    return jobs.stream().filter(j -> j.name().equals(name)).findFirst();
  }

  public Optional<RecordedJob> of(Stage stage) {
    return jobs.stream().filter(j -> j.stage() == stage).reduce((a, b) -> b);
  }

  public RunJobs with(RecordedJob job) {
    List<RecordedJob> more = new ArrayList<>(jobs);
    more.add(job);
    return new RunJobs(runId, more);
  }
}
