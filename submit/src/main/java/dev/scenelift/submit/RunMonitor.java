package dev.scenelift.submit;

import dev.scenelift.batch.BatchEngine;
import dev.scenelift.batch.JobState;
import dev.scenelift.plan.JobGraph;
import dev.scenelift.plan.PlannedJob;
import dev.scenelift.scene.Stage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Follows a submitted run by polling the engine until every job has ended, showing progress on the way. */
final class RunMonitor {
  private final BatchEngine engine;
  private final ProgressDisplay display;
  private final Duration interval;

  RunMonitor(BatchEngine engine, ProgressDisplay display, Duration interval) {
    this.engine = engine;
    this.display = display;
    this.interval = interval;
  }

  /** Blocks until all jobs are SUCCEEDED or FAILED; returns their final states. */
  Map<Stage, JobState> awaitEnd(JobGraph graph, Map<Stage, String> jobIds) throws InterruptedException {
    List<String> ids = new ArrayList<>(jobIds.values());
    while (true) {
      Map<Stage, JobState> states = new EnumMap<>(Stage.class);
      for (JobState s : engine.describe(ids)) {
        jobIds.forEach(
            (stage, id) -> {
              if (id.equals(s.jobId())) {
                states.put(stage, s);
              }
            });
      }
      boolean allDone = states.size() == jobIds.size();
      for (PlannedJob job : graph.jobs()) {
        JobState state = states.get(job.stage());
        if (state != null) {
          display.update(job.stage(), state, job.children());
          allDone &= state.status().isDone();
        }
      }
      if (allDone) {
        return Collections.unmodifiableMap(states);
      }
      Thread.sleep(interval.toMillis());
    }
  }
}
