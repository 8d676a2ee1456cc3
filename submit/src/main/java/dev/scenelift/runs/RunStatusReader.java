package dev.scenelift.runs;

import dev.scenelift.batch.JobState;
import dev.scenelift.batch.JobStatus;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.ManifestStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Reads a run's state on any engine: its jobs from {@code runs/<run-id>/jobs.json}, their states from the engine
 * (one describe call for all stages), its scenes from the manifest and their markers.
 */
public final class RunStatusReader {
  private final RunEnvironment env;
  private final ExecutorService executor;

  /**
   * @param executor runs the marker reads; owned by the caller
   */
  public RunStatusReader(RunEnvironment env, ExecutorService executor) {
    this.env = env;
    this.executor = executor;
  }

  public RunManifest manifest(String runId) {
    try {
      return new ManifestStore(env.s3()).read(env.layout().manifest(runId));
    } catch (software.amazon.awssdk.services.s3.model.NoSuchKeyException e) {
      throw new UnknownRunException(runId, "no manifest at " + env.layout().manifest(runId));
    }
  }

  public RunJobs jobs(String runId) {
    return new RunJobsStore(env.s3(), env.layout())
        .read(runId)
        .orElseThrow(
            () ->
                new UnknownRunException(
                    runId, "no jobs recorded at " + new RunJobsStore(env.s3(), env.layout()).location(runId)));
  }

  /** The stages' jobs as the engine reports them now. */
  public List<StageStatus> stages(RunJobs jobs) {
    List<String> ids = jobs.jobs().stream().map(RecordedJob::jobId).toList();
    List<JobState> states = env.engine().describe(ids);
    List<StageStatus> out = new ArrayList<>();
    for (RecordedJob job : jobs.jobs()) {
      JobState s =
          states.stream()
              .filter(x -> x.jobId().equals(job.jobId()))
              .findFirst()
              .orElse(new JobState(job.jobId(), job.name(), JobStatus.SUBMITTED, Map.of(), "not reported by the engine"));
      Map<JobStatus, Integer> counts = s.children().isEmpty() ? Map.of(s.status(), 1) : s.children();
      out.add(new StageStatus(job.stage(), job.jobId(), job.children(), s.status(), counts, s.reason() == null ? "" : s.reason()));
    }
    return out;
  }

  /** Stages and scene outcomes. */
  public RunStatus read(String runId) {
    RunManifest manifest = manifest(runId);
    RunJobs jobs = jobs(runId);
    return new RunStatus(
        runId, manifest.tile(), stages(jobs), new SceneOutcomes(env.s3(), executor).of(manifest));
  }

  /** Scene outcomes only (retry needs no engine). */
  public List<SceneOutcome> scenes(RunManifest manifest) {
    return new SceneOutcomes(env.s3(), executor).of(manifest);
  }
}
