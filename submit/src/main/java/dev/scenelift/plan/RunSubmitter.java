package dev.scenelift.plan;

import dev.scenelift.batch.BatchEngine;
import dev.scenelift.scene.Stage;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Submits a run's job graph to an engine, in order, each job with the ids of the jobs it waits for. */
public final class RunSubmitter {
  private final BatchEngine engine;

  public RunSubmitter(BatchEngine engine) {
    this.engine = engine;
  }

  /** Returns the job id of each stage. */
  public Map<Stage, String> submit(JobGraph graph, JobRequests requests) {
    Map<Stage, String> ids = new EnumMap<>(Stage.class);
    for (PlannedJob job : graph.jobs()) {
      ids.put(job.stage(), engine.submit(requests.request(job, ids)));
    }
    return Collections.unmodifiableMap(ids);
  }
}
