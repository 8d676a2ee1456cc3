package dev.scenelift.index;

import dev.scenelift.job.JobEnv;
import dev.scenelift.store.S3Settings;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** S3 settings for a standalone run, from the same variables a run's jobs read (endpoint, credentials, region). */
final class StandaloneS3 {
  private StandaloneS3() {}

  static S3Settings settings(Map<String, String> env) {
    Optional<String> region = value(env, JobEnv.REGION).or(() -> value(env, "AWS_DEFAULT_REGION"));
    Optional<URI> endpoint = value(env, JobEnv.S3_ENDPOINT).map(URI::create);
    boolean pathStyle = value(env, JobEnv.S3_PATH_STYLE).map(Boolean::parseBoolean).orElse(endpoint.isPresent());
    Optional<S3Settings.StaticCredentials> credentials =
        value(env, JobEnv.S3_ACCESS_KEY_ID)
            .map(
                id ->
                    new S3Settings.StaticCredentials(
                        id,
                        value(env, JobEnv.S3_SECRET_ACCESS_KEY)
                            .orElseThrow(
                                () -> new IllegalArgumentException(JobEnv.S3_SECRET_ACCESS_KEY + " is not set"))));
    return new S3Settings(region, endpoint, pathStyle, false, credentials);
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }
}
