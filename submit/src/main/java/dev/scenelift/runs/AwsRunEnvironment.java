package dev.scenelift.runs;

import dev.scenelift.batch.aws.AwsBatchEngine;
import dev.scenelift.batch.aws.AwsConfigException;
import dev.scenelift.batch.aws.AwsRunConfig;
import dev.scenelift.batch.aws.BatchCallPolicy;
import dev.scenelift.batch.aws.BatchClients;
import dev.scenelift.event.EventPublishers;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Opens the AWS run environment: AWS Batch, S3 and SQS clients for a configuration with a job queue, each on its
 * endpoint override when there is one (the jobs get the S3 and SQS ones too).
 */
public final class AwsRunEnvironment {
  private AwsRunEnvironment() {}

  /** The default {@link RunEnvironment.Opener}: AWS when a job queue is configured, else a clear error. */
  public static RunEnvironment openOrFail(AwsRunConfig config) {
    if (!config.onAws()) {
      throw new AwsConfigException(
          "no AWS job queue configured (--job-queue, SCENELIFT_JOB_QUEUE or --config); this command needs one here");
    }
    return open(config);
  }

  public static RunEnvironment open(AwsRunConfig config) {
    S3Settings s3Settings = config.s3();
    List<AutoCloseable> owned = new ArrayList<>();
    S3Client s3 = S3ClientFactory.create(s3Settings);
    owned.add(s3);
    BatchClient batch = BatchClients.create(config);
    Optional<SqsClient> sqs =
        config.eventsQueue().map(q -> EventPublishers.sqsClient(q, config.endpoints().sqs(), s3Settings));
    sqs.ifPresent(owned::add);
    return RunEnvironment.of(
        new AwsBatchEngine(batch, true, config, BatchCallPolicy.defaults()),
        s3,
        config.layout(),
        config.eventsQueue(),
        sqs,
        config.endpoints().jobEnvironment(),
        owned);
  }
}
