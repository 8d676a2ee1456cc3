package dev.scenelift.job;

import dev.scenelift.store.S3Location;
import dev.scenelift.store.S3Settings;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a job learns from its environment, read once in {@code main}: the variables AWS Batch sets and the
 * project's own ({@link JobEnv}). The same values come from a container, the embedded engine, or a test.
 *
 * @param runId the run
 * @param manifest where the run manifest is
 * @param arrayIndex this child's index; 0 for a job that is not an array
 * @param jobId the Batch job id (the embedded engine makes one up)
 * @param attempt the attempt number, from 1
 * @param s3 how to reach S3
 * @param eventsQueue the SQS queue URL for scene events, if any
 * @param sqsEndpoint where to reach SQS instead of the queue URL's host, if anywhere
 * @param force redo scenes that already have a completion marker
 * @param workers how many scenes or bands to work on at once
 */
public record JobConfig(
    String runId,
    S3Location manifest,
    int arrayIndex,
    String jobId,
    int attempt,
    S3Settings s3,
    Optional<URI> eventsQueue,
    Optional<URI> sqsEndpoint,
    boolean force,
    int workers) {

  /**
   * Reads the configuration.
   *
   * @throws JobConfigException naming the variable that is missing or bad
   */
  public static JobConfig fromEnv(Map<String, String> env) {
    String runId = required(env, JobEnv.RUN_ID);
    S3Location manifest = parse(env, JobEnv.MANIFEST, S3Location::parse);
    int index = integer(env, JobEnv.ARRAY_INDEX, 0, 0);
    String jobId = env.getOrDefault(JobEnv.JOB_ID, "local-" + runId);
    int attempt = integer(env, JobEnv.ATTEMPT, 1, 1);
    S3Settings s3 = s3(env);
    Optional<URI> events =
        optional(env, JobEnv.EVENTS_QUEUE).map(v -> parse(JobEnv.EVENTS_QUEUE, v, URI::create));
    Optional<URI> sqsEndpoint =
        optional(env, JobEnv.SQS_ENDPOINT).map(v -> parse(JobEnv.SQS_ENDPOINT, v, URI::create));
    int workers = integer(env, JobEnv.WORKERS, Runtime.getRuntime().availableProcessors(), 1);
    return new JobConfig(
        runId, manifest, index, jobId, attempt, s3, events, sqsEndpoint, bool(env, JobEnv.FORCE, false), workers);
  }

  /**
   * The S3 settings alone, from {@link JobEnv}'s variables (the inverse of {@link JobEnv#forStore}); for commands that
   * run outside a run too.
   *
   * @throws JobConfigException naming the variable that is bad
   */
  public static S3Settings s3(Map<String, String> env) {
    Optional<URI> endpoint = optional(env, JobEnv.S3_ENDPOINT).map(v -> parse(JobEnv.S3_ENDPOINT, v, URI::create));
    boolean pathStyle = bool(env, JobEnv.S3_PATH_STYLE, endpoint.isPresent());
    Optional<S3Settings.StaticCredentials> credentials =
        optional(env, JobEnv.S3_ACCESS_KEY_ID)
            .map(id -> new S3Settings.StaticCredentials(id, required(env, JobEnv.S3_SECRET_ACCESS_KEY)));
    Optional<String> region = optional(env, JobEnv.REGION).or(() -> optional(env, "AWS_DEFAULT_REGION"));
    return new S3Settings(
        region,
        endpoint,
        pathStyle,
        bool(env, JobEnv.REQUEST_PAYER_SOURCE, false),
        credentials,
        bool(env, JobEnv.S3_UNSIGNED, false));
  }

  private static String required(Map<String, String> env, String name) {
    return optional(env, name)
        .orElseThrow(() -> new JobConfigException(name, "is not set"));
  }

  private static Optional<String> optional(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private static <T> T parse(Map<String, String> env, String name, java.util.function.Function<String, T> parser) {
    return parse(name, required(env, name), parser);
  }

  private static <T> T parse(String name, String value, java.util.function.Function<String, T> parser) {
    try {
      return parser.apply(value);
    } catch (RuntimeException e) {
      throw new JobConfigException(name, "is not valid ('" + value + "'): " + e.getMessage());
    }
  }

  private static int integer(Map<String, String> env, String name, int fallback, int min) {
    return optional(env, name)
        .map(
            v -> {
              int value = parse(name, v, Integer::parseInt);
              if (value < min) {
                throw new JobConfigException(name, "must be at least " + min + ", got " + value);
              }
              return value;
            })
        .orElse(fallback);
  }

  private static boolean bool(Map<String, String> env, String name, boolean fallback) {
    return optional(env, name)
        .map(
            v ->
                switch (v.toLowerCase(Locale.ROOT)) {
                  case "true", "1", "yes" -> true;
                  case "false", "0", "no" -> false;
                  default -> throw new JobConfigException(name, "must be true or false, got '" + v + "'");
                })
        .orElse(fallback);
  }
}
