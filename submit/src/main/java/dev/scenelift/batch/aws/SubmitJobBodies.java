package dev.scenelift.batch.aws;

import dev.scenelift.batch.JobDependency;
import dev.scenelift.batch.JobRequest;
import dev.scenelift.job.ExitCodes;
import java.util.List;
import java.util.TreeMap;

/**
 * Turns an engine-neutral {@link JobRequest} into the SubmitJob body for one job queue and its job definitions.
 *
 * <p>The retry strategy (at most 5 rules; the first that matches decides): RETRY when the host went away ({@code
 * onStatusReason "Host EC2*"}: Spot reclaim, instance terminated) or the image could not be pulled ({@code onReason
 * "CannotPullContainerError*"}); EXIT on exit code {@value ExitCodes#SCENES_FAILED} (data errors a retry cannot fix;
 * under the scene contract a child records a failed scene and exits 0, see {@link ExitCodes}) and {@value
 * ExitCodes#USAGE} (bad configuration). No catch-all: AWS Batch retries what no
 * rule matches, so {@value ExitCodes#INFRASTRUCTURE}, crashes and killed containers are retried, as the embedded
 * engine retries them. A dependency of an array job on an array job is N_TO_N;
 * a plain job (a one-task stage) depends on the whole job, as Batch allows N_TO_N only between arrays.
 */
public final class SubmitJobBodies {
  static final List<SubmitJobBody.OnExit> EVALUATE_ON_EXIT =
      List.of(
          new SubmitJobBody.OnExit("RETRY", "Host EC2*", null, null),
          new SubmitJobBody.OnExit("RETRY", null, "CannotPullContainerError*", null),
          new SubmitJobBody.OnExit("EXIT", null, null, Integer.toString(ExitCodes.SCENES_FAILED)),
          new SubmitJobBody.OnExit("EXIT", null, null, Integer.toString(ExitCodes.USAGE)));

  private final AwsRunConfig config;

  public SubmitJobBodies(AwsRunConfig config) {
    this.config = config;
  }

  /**
   * @throws BatchSubmitException when the body would exceed the API's {@value SubmitJobBody#MAX_PAYLOAD_BYTES} bytes
   */
  public SubmitJobBody of(JobRequest request) {
    List<SubmitJobBody.Dependency> deps =
        request.dependsOn().stream()
            .map(
                d ->
                    new SubmitJobBody.Dependency(
                        d.jobId(),
                        d.type() == JobDependency.DependencyType.N_TO_N && request.isArray() ? "N_TO_N" : null))
            .toList();
    List<SubmitJobBody.NameValue> env =
        new TreeMap<>(request.environment())
            .entrySet().stream().map(e -> new SubmitJobBody.NameValue(e.getKey(), e.getValue())).toList();
    SubmitJobBody body =
        new SubmitJobBody(
            request.name(),
            config.requireJobQueue(),
            config.jobDefinition(request.stage()),
            request.isArray() ? new SubmitJobBody.Size(request.arraySize()) : null,
            deps,
            new SubmitJobBody.Overrides(request.command(), env),
            new SubmitJobBody.Retry(request.attempts(), EVALUATE_ON_EXIT),
            new SubmitJobBody.Timeout(request.timeoutSeconds()),
            new TreeMap<>(request.tags()),
            Boolean.TRUE);
    int bytes = body.payloadBytes();
    if (bytes >= SubmitJobBody.MAX_PAYLOAD_BYTES) {
      throw new BatchSubmitException(
          "SubmitJob for "
              + request.name()
              + " would be "
              + bytes
              + " bytes; AWS Batch accepts less than "
              + SubmitJobBody.MAX_PAYLOAD_BYTES
              + " (keep scene lists in the manifest, not in the environment)");
    }
    return body;
  }
}
