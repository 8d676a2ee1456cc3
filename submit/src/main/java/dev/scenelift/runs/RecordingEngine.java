package dev.scenelift.runs;

import dev.scenelift.batch.BatchEngine;
import dev.scenelift.batch.JobRequest;
import dev.scenelift.batch.JobState;
import dev.scenelift.job.JobEnv;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Wraps any engine so that every accepted job is recorded in {@code runs/<run-id>/jobs.json} (the run id comes from
 * the request's {@code SCENELIFT_RUN_ID}), and a job already recorded under the same name is not submitted again: its
 * recorded id is returned. Closing closes the wrapped engine.
 */
public final class RecordingEngine implements BatchEngine {
  private final BatchEngine engine;
  private final RunJobsStore store;
  private final Clock clock;
  private final Map<String, RunJobs> runs = new HashMap<>();

  public RecordingEngine(BatchEngine engine, RunJobsStore store, Clock clock) {
    this.engine = engine;
    this.store = store;
    this.clock = clock;
  }

  @Override
  public synchronized String submit(JobRequest request) {
    String runId = request.environment().get(JobEnv.RUN_ID);
    if (runId == null) {
      throw new IllegalArgumentException("job " + request.name() + " has no " + JobEnv.RUN_ID + " in its environment");
    }
    RunJobs jobs = runs.computeIfAbsent(runId, id -> store.read(id).orElse(RunJobs.none(id)));
    var recorded = jobs.byName(request.name());
    if (recorded.isPresent()) {
      return recorded.get().jobId();
    }
    String id = engine.submit(request);
    RunJobs more =
        jobs.with(new RecordedJob(request.stage(), request.name(), id, request.arraySize(), clock.instant()));
    store.write(more);
    runs.put(runId, more);
    return id;
  }

  @Override
  public List<JobState> describe(List<String> jobIds) {
    return engine.describe(jobIds);
  }

  @Override
  public void close() {
    engine.close();
  }
}
