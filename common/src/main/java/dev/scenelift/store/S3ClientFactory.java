package dev.scenelift.store;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Builds the one {@link S3Client} a process uses. The caller owns and closes it.
 *
 * <p>Settings that work with AWS S3 and S3-compatible stores alike: checksums only where the API requires them (the
 * SDK's default CRC32 trailers are unknown to many compatible stores; we verify md5s ourselves), path-style when
 * asked, the SDK's standard retry mode (exponential back-off with jitter, throttling-aware) with {@value
 * #MAX_ATTEMPTS} attempts, and a connection pool sized for parallel part uploads.
 */
public final class S3ClientFactory {
  public static final int MAX_ATTEMPTS = 6;
  public static final int MAX_CONNECTIONS = 64;

  private S3ClientFactory() {}

  public static S3Client create(S3Settings settings) {
    var builder =
        S3Client.builder()
            .httpClientBuilder(
                ApacheHttpClient.builder()
                    .maxConnections(MAX_CONNECTIONS)
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(60)))
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .serviceConfiguration(
                S3Configuration.builder()
                    .pathStyleAccessEnabled(settings.pathStyle())
                    .chunkedEncodingEnabled(false)
                    .build())
            .overrideConfiguration(
                o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(MAX_ATTEMPTS)));
    settings.region().ifPresentOrElse(r -> builder.region(Region.of(r)), () -> {
      if (settings.endpoint().isPresent()) {
        builder.region(Region.US_EAST_1);
      }
    });
    settings.endpoint().ifPresent(builder::endpointOverride);
    if (settings.unsigned()) {
      return builder.credentialsProvider(AnonymousCredentialsProvider.create()).build();
    }
    settings
        .staticCredentials()
        .ifPresentOrElse(
            c ->
                builder.credentialsProvider(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey()))),
            () -> builder.credentialsProvider(DefaultCredentialsProvider.builder().build()));
    return builder.build();
  }
}
