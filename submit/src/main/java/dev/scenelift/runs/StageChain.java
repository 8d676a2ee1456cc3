package dev.scenelift.runs;

import dev.scenelift.batch.BatchEngine;
import dev.scenelift.batch.JobDependency;
import dev.scenelift.batch.JobRequest;
import dev.scenelift.batch.aws.StageProfile;
import dev.scenelift.batch.aws.ArraySizing;
import dev.scenelift.job.JobEnv;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.scene.Stage;
import dev.scenelift.store.S3Location;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The four jobs of a run, submitted in order: fetch-scene (array of ⌈N/k⌉ children, a plain job when there is one
 * task), cloud-filter and cog-convert (N_TO_N on the stage before), index-build (a plain job on the whole
 * cog-convert job). Each gets the run id and manifest location (plus the events queue and any extra variables) as
 * environment overrides, tags {@code scenelift:run-id}, {@code scenelift:tile}, {@code scenelift:stage}, {@value
 * #ATTEMPTS} attempts, and a per-attempt timeout of three times the expected task time (at least {@value
 * #MIN_TIMEOUT_SECONDS} s).
 */
public final class StageChain {
  public static final int ATTEMPTS = 3;
  public static final int MIN_TIMEOUT_SECONDS = 900;

  private final Optional<URI> eventsQueue;
  private final Map<String, String> extraEnvironment;

  /**
   * @param eventsQueue SQS queue for scene events, passed to every job
   * @param extraEnvironment more variables for every job (e.g. the embedded store's endpoint)
   */
  public StageChain(Optional<URI> eventsQueue, Map<String, String> extraEnvironment) {
    this.eventsQueue = eventsQueue;
    this.extraEnvironment = Map.copyOf(extraEnvironment);
  }

  /**
   * A launcher that writes the manifest to {@code runs/<run-id>/manifest.json} and submits the chain to the
   * environment's engine; without an events queue of its own, the chain passes on the environment's.
   */
  public RunLauncher launcher() {
    return (manifest, env) -> {
      S3Location at = new dev.scenelift.manifest.ManifestStore(env.s3()).write(manifest);
      StageChain chain = new StageChain(eventsQueue.or(env::eventsQueue), extraEnvironment);
      return chain.submit(manifest, at, env.engine());
    };
  }

  public static String jobName(String runId, Stage stage) {
    return "scenelift-" + runId + "-" + stage.jobName();
  }

  /** Submits the run's four jobs and returns their ids in stage order. */
  public List<String> submit(RunManifest manifest, S3Location manifestLocation, BatchEngine engine) {
    int tasks = manifest.split().taskCount();
    if (tasks == 0) {
      throw new IllegalArgumentException("run " + manifest.runId() + " has no scenes to submit");
    }
    if (tasks > ArraySizing.MAX_ARRAY) {
      throw new IllegalArgumentException(
          "run "
              + manifest.runId()
              + " needs "
              + tasks
              + " array tasks; AWS Batch allows at most "
              + ArraySizing.MAX_ARRAY
              + ": use --scenes-per-task "
              + ArraySizing.minimum(manifest.scenes().size())
              + " or more");
    }
    List<String> ids = new ArrayList<>();
    String previous = null;
    for (Stage stage : Stage.values()) {
      boolean array = stage != Stage.INDEX && tasks > 1;
      List<JobDependency> deps =
          previous == null
              ? List.of()
              : List.of(
                  new JobDependency(
                      previous, array ? JobDependency.DependencyType.N_TO_N : JobDependency.DependencyType.WHOLE));
      JobRequest request =
          new JobRequest(
              jobName(manifest.runId(), stage),
              stage,
              array ? tasks : 0,
              deps,
              environment(manifest, manifestLocation),
              List.of(),
              Map.of(
                  "scenelift:run-id", manifest.runId(),
                  "scenelift:tile", manifest.tile().toString(),
                  "scenelift:stage", stage.jobName()),
              ATTEMPTS,
              timeoutSeconds(manifest, stage));
      previous = engine.submit(request);
      ids.add(previous);
    }
    return ids;
  }

  private Map<String, String> environment(RunManifest manifest, S3Location manifestLocation) {
    Map<String, String> env = new HashMap<>(extraEnvironment);
    env.put(JobEnv.RUN_ID, manifest.runId());
    env.put(JobEnv.MANIFEST, manifestLocation.toString());
    eventsQueue.ifPresent(q -> env.put(JobEnv.EVENTS_QUEUE, q.toString()));
    return env;
  }

  /** Three times the expected time of the largest task (or of index-build), at least {@link #MIN_TIMEOUT_SECONDS}. */
  static int timeoutSeconds(RunManifest manifest, Stage stage) {
    StageProfile profile = StageProfile.of(stage);
    long bytes = ArraySizing.medianBytes(manifest.scenes());
    int scenes = stage == Stage.INDEX ? manifest.scenes().size() : manifest.scenesPerTask();
    double expected = (stage == Stage.INDEX ? 60 : 0) + scenes * profile.secondsPerScene(bytes);
    return (int) Math.max(MIN_TIMEOUT_SECONDS, Math.ceil(3 * expected));
  }
}
