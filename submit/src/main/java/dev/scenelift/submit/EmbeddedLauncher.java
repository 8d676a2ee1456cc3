package dev.scenelift.submit;

import dev.scenelift.batch.JobState;
import dev.scenelift.job.JobEnv;
import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.runs.RunJobsStore;
import dev.scenelift.runs.StageChain;
import dev.scenelift.scene.Stage;
import dev.scenelift.store.S3Location;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs a manifest to its end on the embedded environment: writes the manifest, submits the chain (built by {@link
 * StageChain}, as on AWS) to the embedded engine, follows it until every job has ended, and records the jobs' final
 * states in {@code jobs.json}, since the embedded engine's jobs end with the process.
 */
final class EmbeddedLauncher {
  private final boolean force;
  private final Map<String, String> jobEnvironment;
  private final Duration pollInterval;

  /** @param jobEnvironment what the run's options add to every job's environment (requester pays, public URL) */
  EmbeddedLauncher(boolean force, Map<String, String> jobEnvironment, Duration pollInterval) {
    this.force = force;
    this.jobEnvironment = Map.copyOf(jobEnvironment);
    this.pollInterval = pollInterval;
  }

  /** Returns each stage's final job state; empty for a run without scenes (its manifest is still written). */
  Map<Stage, JobState> runToEnd(RunManifest manifest, EmbeddedEnvironment env, ProgressDisplay display)
      throws InterruptedException {
    S3Location at = new ManifestStore(env.s3()).write(manifest);
    if (manifest.scenes().isEmpty()) {
      return Map.of();
    }
    Map<String, String> extra = new HashMap<>(JobEnv.forStore(env.storeSettings()));
    extra.putAll(jobEnvironment);
    Map<Stage, String> ids =
        new StageChain(env.eventsQueue(), force, extra).submitByStage(manifest, at, env.engine());
    Map<Stage, JobState> states =
        new RunMonitor(env.engine(), display, pollInterval).awaitEnd(StageChain.graph(manifest), ids);
    new RunJobsStore(env.s3(), env.layout()).recordEnded(manifest.runId(), states.values());
    return states;
  }
}
