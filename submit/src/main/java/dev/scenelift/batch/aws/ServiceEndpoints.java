package dev.scenelift.batch.aws;

import dev.scenelift.job.JobEnv;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Endpoint overrides of an AWS run, for S3-compatible stores and local stacks (LocalStack, a test's servers); empty
 * means AWS's regional endpoint. The submitter's own clients use them, and the jobs get the S3 and SQS ones through
 * their job requests ({@link #jobEnvironment()}), so both sides talk to the same services.
 *
 * @param batch the AWS Batch API
 * @param s3 S3 (path-style addressing when set, as S3-compatible stores need)
 * @param sqs SQS: the events queue and the landing queue are reached here whatever host their URLs name
 */
public record ServiceEndpoints(Optional<URI> batch, Optional<URI> s3, Optional<URI> sqs) {
  public ServiceEndpoints {
    Objects.requireNonNull(batch, "batch");
    Objects.requireNonNull(s3, "s3");
    Objects.requireNonNull(sqs, "sqs");
  }

  /** AWS's own endpoints everywhere. */
  public static ServiceEndpoints aws() {
    return new ServiceEndpoints(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** These endpoints with every one present in {@code over} replacing ours. */
  public ServiceEndpoints overriddenBy(ServiceEndpoints over) {
    return new ServiceEndpoints(over.batch.or(() -> batch), over.s3.or(() -> s3), over.sqs.or(() -> sqs));
  }

  /** What a job needs to reach the same S3 and SQS: {@link JobEnv#S3_ENDPOINT} and {@link JobEnv#SQS_ENDPOINT}. */
  public Map<String, String> jobEnvironment() {
    Map<String, String> env = new HashMap<>();
    s3.ifPresent(e -> env.put(JobEnv.S3_ENDPOINT, e.toString()));
    sqs.ifPresent(e -> env.put(JobEnv.SQS_ENDPOINT, e.toString()));
    return env;
  }
}
