package dev.scenelift.plan;

import dev.scenelift.batch.JobDependency;
import dev.scenelift.batch.JobRequest;
import dev.scenelift.job.JobEnv;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.scene.Stage;
import dev.scenelift.store.S3Location;
import dev.scenelift.store.S3Settings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a run's planned jobs into the {@link JobRequest}s both engines take: names {@code scenelift-<run-id>-<stage>},
 * the run id, manifest location and {@code --force} as environment overrides (plus what the engine adds, e.g. the
 * embedded store's endpoint), tags, attempts and timeout.
 */
public final class JobRequests {
  /** Attempts per child: AWS's retry strategy and the embedded engine both retry non-data failures. */
  public static final int ATTEMPTS = 3;
  /** Per-attempt timeout per scene of a task; a task gets {@code k} times this. */
  public static final int TIMEOUT_SECONDS_PER_SCENE = 1800;

  private final RunManifest manifest;
  private final S3Location manifestLocation;
  private final boolean force;
  private final Map<String, String> engineEnvironment;

  /**
   * @param manifest the run
   * @param manifestLocation where it was written
   * @param force redo scenes that already have a completion marker
   * @param engineEnvironment further overrides the engine needs (e.g. {@link #storeEnvironment(S3Settings)})
   */
  public JobRequests(
      RunManifest manifest, S3Location manifestLocation, boolean force, Map<String, String> engineEnvironment) {
    this.manifest = manifest;
    this.manifestLocation = manifestLocation;
    this.force = force;
    this.engineEnvironment = Map.copyOf(engineEnvironment);
  }

  /** {@code scenelift-<run-id>-<stage>}. */
  public static String jobName(String runId, Stage stage) {
    return "scenelift-" + runId + "-" + stage.jobName();
  }

  /** The overrides that point a job at an S3-compatible store (endpoint, path style, static credentials). */
  public static Map<String, String> storeEnvironment(S3Settings store) {
    Map<String, String> env = new HashMap<>();
    store.endpoint().ifPresent(e -> env.put(JobEnv.S3_ENDPOINT, e.toString()));
    env.put(JobEnv.S3_PATH_STYLE, Boolean.toString(store.pathStyle()));
    store.region().ifPresent(r -> env.put(JobEnv.REGION, r));
    store
        .staticCredentials()
        .ifPresent(
            c -> {
              env.put(JobEnv.S3_ACCESS_KEY_ID, c.accessKeyId());
              env.put(JobEnv.S3_SECRET_ACCESS_KEY, c.secretAccessKey());
            });
    return env;
  }

  /**
   * The request for one planned job.
   *
   * @param submitted job ids of the stages already submitted; must hold every stage this job depends on
   */
  public JobRequest request(PlannedJob job, Map<Stage, String> submitted) {
    List<JobDependency> dependsOn =
        job.dependsOn().stream()
            .map(
                d -> {
                  String id = submitted.get(d.upstream());
                  if (id == null) {
                    throw new IllegalStateException(
                        job.stage() + " depends on " + d.upstream() + ", which has not been submitted");
                  }
                  return new JobDependency(id, d.type());
                })
            .toList();
    return new JobRequest(
        jobName(manifest.runId(), job.stage()),
        job.stage(),
        job.arraySize(),
        dependsOn,
        environment(),
        List.of(),
        Map.of("scenelift:run-id", manifest.runId(), "scenelift:tile", manifest.tile().toString(),
            "scenelift:stage", job.stage().jobName()),
        ATTEMPTS,
        TIMEOUT_SECONDS_PER_SCENE * manifest.scenesPerTask());
  }

  private Map<String, String> environment() {
    Map<String, String> env = new HashMap<>(engineEnvironment);
    env.put(JobEnv.RUN_ID, manifest.runId());
    env.put(JobEnv.MANIFEST, manifestLocation.toString());
    env.put(JobEnv.FORCE, Boolean.toString(force));
    return env;
  }
}
