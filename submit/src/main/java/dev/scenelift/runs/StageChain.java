package dev.scenelift.runs;

import dev.scenelift.batch.BatchEngine;
import dev.scenelift.batch.JobDependency;
import dev.scenelift.batch.JobRequest;
import dev.scenelift.batch.aws.ArraySizing;
import dev.scenelift.plan.TaskSizing;
import dev.scenelift.batch.aws.StageProfile;
import dev.scenelift.job.JobEnv;
import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.plan.JobGraph;
import dev.scenelift.plan.PlannedJob;
import dev.scenelift.plan.StageDependency;
import dev.scenelift.scene.Stage;
import dev.scenelift.store.S3Location;
import dev.scenelift.store.S3Settings;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one builder of a run's {@link JobRequest}s, for every engine (AWS Batch, the embedded engine, the dry run). The
 * jobs are those of {@link JobGraph#chain}: fetch-scene (array of ⌈N/k⌉ children, a plain job when there is one
 * task), cloud-filter and cog-convert (N_TO_N on the stage before), index-build (a plain job on the whole cog-convert
 * job). Each gets the run id, manifest location and {@code --force} (plus the events queue and any extra variables)
 * as environment overrides, tags {@code scenelift:run-id}, {@code scenelift:tile}, {@code scenelift:stage}, {@value
 * #ATTEMPTS} attempts, and a per-attempt timeout of three times the expected task time (at least {@value
 * #MIN_TIMEOUT_SECONDS} s).
 */
public final class StageChain {
  public static final int ATTEMPTS = 3;
  public static final int MIN_TIMEOUT_SECONDS = 900;

  private final Optional<URI> eventsQueue;
  private final boolean force;
  private final Map<String, String> extraEnvironment;

  /**
   * @param eventsQueue SQS queue for scene events, passed to every job
   * @param extraEnvironment more variables for every job (e.g. {@link JobEnv#forStore(S3Settings)})
   */
  public StageChain(Optional<URI> eventsQueue, Map<String, String> extraEnvironment) {
    this(eventsQueue, false, extraEnvironment);
  }

  /**
   * @param force the jobs redo scenes that already have a completion marker
   */
  public StageChain(Optional<URI> eventsQueue, boolean force, Map<String, String> extraEnvironment) {
    this.eventsQueue = eventsQueue;
    this.force = force;
    this.extraEnvironment = Map.copyOf(extraEnvironment);
  }

  /**
   * A launcher that writes the manifest to {@code runs/<run-id>/manifest.json} and submits the chain to the
   * environment's engine; without an events queue of its own, the chain passes on the environment's, and the jobs get
   * the environment's {@link RunEnvironment#jobEnvironment()} and the variables the manifest records ({@link
   * RunJobVariables}) under this chain's own variables.
   */
  public RunLauncher launcher() {
    return (manifest, env) -> {
      S3Location at = new ManifestStore(env.s3()).write(manifest);
      Map<String, String> variables = new HashMap<>(env.jobEnvironment());
      variables.putAll(RunJobVariables.of(manifest));
      variables.putAll(extraEnvironment);
      StageChain chain = new StageChain(eventsQueue.or(env::eventsQueue), force, variables);
      return chain.submit(manifest, at, env.engine());
    };
  }

  /** {@code scenelift-<run-id>-<stage>}. */
  public static String jobName(String runId, Stage stage) {
    return "scenelift-" + runId + "-" + stage.jobName();
  }

  /** Submits the run's jobs in graph order and returns their ids in stage order. */
  public List<String> submit(RunManifest manifest, S3Location manifestLocation, BatchEngine engine) {
    return List.copyOf(submitByStage(manifest, manifestLocation, engine).values());
  }

  /** Submits the run's jobs in graph order and returns each stage's job id. */
  public Map<Stage, String> submitByStage(RunManifest manifest, S3Location manifestLocation, BatchEngine engine) {
    JobGraph graph = graph(manifest);
    Map<Stage, String> ids = new EnumMap<>(Stage.class);
    for (PlannedJob job : graph.jobs()) {
      ids.put(job.stage(), engine.submit(request(manifest, manifestLocation, job, ids)));
    }
    return ids;
  }

  /** The run's job graph; a clear error when it has no scenes or needs more tasks than an array holds. */
  public static JobGraph graph(RunManifest manifest) {
    int tasks = manifest.split().taskCount();
    if (tasks == 0) {
      throw new IllegalArgumentException("run " + manifest.runId() + " has no scenes to submit");
    }
    if (tasks > TaskSizing.MAX_TASKS) {
      throw new IllegalArgumentException(
          "run "
              + manifest.runId()
              + " needs "
              + tasks
              + " array tasks; AWS Batch allows at most "
              + TaskSizing.MAX_TASKS
              + ": use --scenes-per-task "
              + ArraySizing.minimum(manifest.scenes().size())
              + " or more");
    }
    return JobGraph.chain(manifest.split());
  }

  private JobRequest request(
      RunManifest manifest, S3Location manifestLocation, PlannedJob job, Map<Stage, String> submitted) {
    List<JobDependency> deps = new ArrayList<>();
    for (StageDependency d : job.dependsOn()) {
      String id = submitted.get(d.upstream());
      if (id == null) {
        throw new IllegalStateException(job.stage() + " depends on " + d.upstream() + ", which was not submitted");
      }
      deps.add(new JobDependency(id, d.type()));
    }
    return new JobRequest(
        jobName(manifest.runId(), job.stage()),
        job.stage(),
        job.arraySize(),
        deps,
        environment(manifest, manifestLocation),
        List.of(),
        Map.of(
            "scenelift:run-id", manifest.runId(),
            "scenelift:tile", manifest.tile().toString(),
            "scenelift:stage", job.stage().jobName()),
        ATTEMPTS,
        timeoutSeconds(manifest, job.stage()));
  }

  private Map<String, String> environment(RunManifest manifest, S3Location manifestLocation) {
    Map<String, String> env = new HashMap<>(extraEnvironment);
    env.put(JobEnv.RUN_ID, manifest.runId());
    env.put(JobEnv.MANIFEST, manifestLocation.toString());
    if (force) {
      env.put(JobEnv.FORCE, "true");
    }
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
