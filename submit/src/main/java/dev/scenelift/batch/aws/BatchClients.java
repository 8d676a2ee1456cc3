package dev.scenelift.batch.aws;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.BatchClientBuilder;

/**
 * Builds the Batch client: region and endpoint from the config, the SDK's retries off ({@link BatchCallPolicy} retries
 * deliberately, with the rate limit). The caller owns the client and closes it.
 */
public final class BatchClients {
  private BatchClients() {}

  public static BatchClient create(AwsRunConfig config) {
    return create(config, DefaultCredentialsProvider.builder().build());
  }

  public static BatchClient create(AwsRunConfig config, AwsCredentialsProvider credentials) {
    BatchClientBuilder builder =
        BatchClient.builder()
            .httpClientBuilder(
                ApacheHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(60)))
            .credentialsProvider(credentials)
            .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    config.region().ifPresent(r -> builder.region(Region.of(r)));
    if (config.region().isEmpty() && config.endpoints().batch().isPresent()) {
      builder.region(Region.US_EAST_1);
    }
    config.endpoints().batch().ifPresent(builder::endpointOverride);
    return builder.build();
  }
}
