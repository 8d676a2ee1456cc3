package dev.scenelift.job;

import dev.scenelift.store.S3Settings;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment variables jobs read. Terraform's job definitions, the AWS Batch submitter and the embedded engine
 * all set these names; nothing else reads the environment.
 */
public final class JobEnv {
  /** Set by AWS Batch on array children, from 0. */
  public static final String ARRAY_INDEX = "AWS_BATCH_JOB_ARRAY_INDEX";
  /** Set by AWS Batch. */
  public static final String JOB_ID = "AWS_BATCH_JOB_ID";
  /** Set by AWS Batch, from 1. */
  public static final String ATTEMPT = "AWS_BATCH_JOB_ATTEMPT";

  public static final String REGION = "AWS_REGION";

  public static final String RUN_ID = "SCENELIFT_RUN_ID";
  /** {@code s3://bucket/runs/<run-id>/manifest.json}. */
  public static final String MANIFEST = "SCENELIFT_MANIFEST";
  /** Endpoint override for S3-compatible stores (the embedded store). */
  public static final String S3_ENDPOINT = "SCENELIFT_S3_ENDPOINT";
  public static final String S3_PATH_STYLE = "SCENELIFT_S3_PATH_STYLE";
  /** Static credentials, only for the embedded store; on AWS the job role's credentials are used. */
  public static final String S3_ACCESS_KEY_ID = "SCENELIFT_S3_ACCESS_KEY_ID";
  public static final String S3_SECRET_ACCESS_KEY = "SCENELIFT_S3_SECRET_ACCESS_KEY";
  /** {@code true}: send S3 requests unsigned (the embedded store checks no signatures). */
  public static final String S3_UNSIGNED = "SCENELIFT_S3_UNSIGNED";
  /** {@code true}: read s3:// sources with {@code x-amz-request-payer: requester}. */
  public static final String REQUEST_PAYER_SOURCE = "SCENELIFT_REQUEST_PAYER";
  /**
   * Endpoint override for SQS (LocalStack, ElasticMQ): the events queue is reached there whatever host its URL names.
   */
  public static final String SQS_ENDPOINT = "SCENELIFT_SQS_ENDPOINT";
  /** SQS queue URL for per-scene events. */
  public static final String EVENTS_QUEUE = "SCENELIFT_EVENTS_QUEUE";
  /** {@code true}: redo scenes that already have a completion marker. */
  public static final String FORCE = "SCENELIFT_FORCE";
  /**
   * The public http(s) URL of the COG tree ({@code dev.scenelift.store.PublicUrl}); index-build then writes absolute
   * STAC links under it. Unset: relative links only (a self-contained catalog).
   */
  public static final String PUBLIC_URL = "SCENELIFT_PUBLIC_URL";
  /** Parallelism within one job (scenes or bands at once); default: the core count. */
  public static final String WORKERS = "SCENELIFT_WORKERS";

  private JobEnv() {}

  /**
   * The variables that point a job at this store: endpoint, path style, region, static credentials and whether requests
   * go unsigned, as {@link
   * JobConfig#fromEnv} reads them back. A new mutable map, for the caller to add the run's own variables to.
   */
  public static Map<String, String> forStore(S3Settings store) {
    Map<String, String> env = new HashMap<>();
    store.endpoint().ifPresent(e -> env.put(S3_ENDPOINT, e.toString()));
    env.put(S3_PATH_STYLE, Boolean.toString(store.pathStyle()));
    store.region().ifPresent(r -> env.put(REGION, r));
    store
        .staticCredentials()
        .ifPresent(
            c -> {
              env.put(S3_ACCESS_KEY_ID, c.accessKeyId());
              env.put(S3_SECRET_ACCESS_KEY, c.secretAccessKey());
            });
    if (store.unsigned()) {
      env.put(S3_UNSIGNED, "true");
    }
    return env;
  }
}
