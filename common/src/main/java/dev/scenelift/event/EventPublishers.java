package dev.scenelift.event;

import dev.scenelift.job.JobConfig;
import dev.scenelift.store.S3Settings;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/** Opens the publisher a job uses: SQS when {@code SCENELIFT_EVENTS_QUEUE} is set, otherwise one that drops events. */
public final class EventPublishers {
  private static final Pattern AWS_HOST = Pattern.compile("sqs\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?");

  private EventPublishers() {}

  /**
   * The caller owns the result and closes it (which sends what is buffered). The SQS client is made on the first send.
   */
  public static EventPublisher forJob(JobConfig config) {
    return config
        .eventsQueue()
        .<EventPublisher>map(
            queue ->
                new SqsEventPublisher(
                    () -> sqsClient(queue, config.sqsEndpoint(), config.s3()),
                    queue,
                    SqsEventPublisher.Retry.defaults()))
        .orElse(EventPublisher.none());
  }

  /** {@link #sqsClient(URI, Optional, S3Settings)} without an endpoint override. */
  public static SqsClient sqsClient(URI queueUrl, S3Settings s3) {
    return sqsClient(queueUrl, Optional.empty(), s3);
  }

  /**
   * A client for the queue at {@code queueUrl}: with an endpoint override, there (region: the URL's AWS region, else
   * the S3 settings' one); else on AWS the region comes from the URL's host, and any other host (ElasticMQ, LocalStack)
   * becomes the endpoint override. Credentials: the S3 settings' static ones when set (local setups), else the default
   * chain. The caller owns the client.
   */
  public static SqsClient sqsClient(URI queueUrl, Optional<URI> endpoint, S3Settings s3) {
    SqsClientBuilder builder = SqsClient.builder().httpClientBuilder(ApacheHttpClient.builder());
    Matcher aws = AWS_HOST.matcher(String.valueOf(queueUrl.getHost()));
    if (endpoint.isPresent()) {
      builder.endpointOverride(endpoint.get());
      builder.region(Region.of(aws.matches() ? aws.group(1) : s3.region().orElse("us-east-1")));
    } else if (aws.matches()) {
      builder.region(Region.of(aws.group(1)));
    } else {
      builder.endpointOverride(URI.create(queueUrl.getScheme() + "://" + queueUrl.getAuthority()));
      builder.region(Region.of(s3.region().orElse("us-east-1")));
    }
    builder.credentialsProvider(credentials(s3));
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(S3Settings s3) {
    Optional<S3Settings.StaticCredentials> fixed = s3.staticCredentials();
    return fixed
        .<AwsCredentialsProvider>map(
            c -> StaticCredentialsProvider.create(AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())))
        .orElseGet(() -> DefaultCredentialsProvider.builder().build());
  }
}
