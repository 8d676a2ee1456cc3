package dev.scenelift.batch.aws;

import dev.scenelift.scene.Stage;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The AWS options every command that talks to AWS mixes in. Precedence: flag, then environment variable, then the
 * {@code --config} file, then the built-in default.
 */
public final class AwsOptions {
  public static final String ENV_CONFIG = "SCENELIFT_CONFIG";
  public static final String ENV_JOB_QUEUE = "SCENELIFT_JOB_QUEUE";
  public static final String ENV_EVENTS_QUEUE = "SCENELIFT_EVENTS_QUEUE";
  public static final String ENV_RAW_BUCKET = "SCENELIFT_RAW_BUCKET";
  public static final String ENV_OPT_BUCKET = "SCENELIFT_OPT_BUCKET";
  public static final String ENV_COG_BUCKET = "SCENELIFT_COG_BUCKET";
  public static final String ENV_RUNS_BUCKET = "SCENELIFT_RUNS_BUCKET";
  public static final String ENV_BATCH_ENDPOINT = "SCENELIFT_BATCH_ENDPOINT";
  /** The jobs read the same name ({@link dev.scenelift.job.JobEnv#S3_ENDPOINT}). */
  public static final String ENV_S3_ENDPOINT = dev.scenelift.job.JobEnv.S3_ENDPOINT;
  /** The jobs read the same name ({@link dev.scenelift.job.JobEnv#SQS_ENDPOINT}). */
  public static final String ENV_SQS_ENDPOINT = dev.scenelift.job.JobEnv.SQS_ENDPOINT;
  public static final String ENV_LAYOUT = "SCENELIFT_LAYOUT";

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "AWS configuration: the JSON of 'terraform output -json' from infra/ as it is, or a plain object of the"
              + " same names (env " + ENV_CONFIG + "). Default: none.")
  Path config;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "AWS region (env AWS_REGION). Default: the config's region, else the SDK's default chain.")
  String region;

  @Option(
      names = "--job-queue",
      paramLabel = "NAME",
      description =
          "AWS Batch job queue name or ARN (env " + ENV_JOB_QUEUE + "). When set, --engine aws is the default."
              + " Default: the config's job_queue.")
  String jobQueue;

  @Option(
      names = "--job-definition",
      paramLabel = "JOB=NAME",
      description =
          "Job definition of a job, e.g. fetch-scene=scenelift-fetch-scene:3; repeatable."
              + " Default: the config's job_definitions, else scenelift-<job>.")
  Map<String, String> jobDefinitions;

  @Option(
      names = "--events-queue",
      paramLabel = "URL",
      description =
          "SQS queue URL the jobs publish scene events to (env " + ENV_EVENTS_QUEUE + ")."
              + " Default: the config's events_queue_url, else no events.")
  URI eventsQueue;

  @Option(
      names = "--raw-bucket",
      paramLabel = "BUCKET",
      description = "Bucket of the raw tree (env " + ENV_RAW_BUCKET + "). Default: the config's raw_bucket.")
  String rawBucket;

  @Option(
      names = "--opt-bucket",
      paramLabel = "BUCKET",
      description =
          "Bucket of the cloud-free tree (env " + ENV_OPT_BUCKET + "). Default: the config's opt_bucket, else opt/"
              + " in the raw bucket.")
  String optBucket;

  @Option(
      names = "--cog-bucket",
      paramLabel = "BUCKET",
      description =
          "Bucket of the COG tree (env " + ENV_COG_BUCKET + "). Default: the config's cog_bucket, else cog/ in the"
              + " raw bucket.")
  String cogBucket;

  @Option(
      names = "--runs-bucket",
      paramLabel = "BUCKET",
      description =
          "Bucket of runs/<run-id>/ (env " + ENV_RUNS_BUCKET + "). Default: the config's runs_bucket, else the raw"
              + " bucket.")
  String runsBucket;

  @Option(
      names = "--layout",
      paramLabel = "LAYOUT",
      description =
          "Where the three collections live on AWS (env " + ENV_LAYOUT + "): buckets (the raw, opt and cog buckets,"
              + " each tree at its bucket's root) or prefixes (raw/, opt/, cog/ of the raw bucket). The embedded"
              + " store always uses prefixes of its bucket. Default: the config's layout, else buckets when an opt or"
              + " cog bucket is given, else prefixes.")
  String layout;

  @Option(
      names = "--batch-endpoint",
      paramLabel = "URL",
      description =
          "Endpoint override for the AWS Batch API, e.g. LocalStack (env " + ENV_BATCH_ENDPOINT + ")."
              + " Default: AWS's regional endpoint.")
  URI batchEndpoint;

  @Option(
      names = "--s3-endpoint",
      paramLabel = "URL",
      description =
          "Endpoint override for S3, e.g. an S3-compatible store (env " + ENV_S3_ENDPOINT + "); path-style"
              + " addressing. Passed on to the jobs. Default: AWS's regional endpoint.")
  URI s3Endpoint;

  @Option(
      names = "--sqs-endpoint",
      paramLabel = "URL",
      description =
          "Endpoint override for SQS, e.g. LocalStack or ElasticMQ (env " + ENV_SQS_ENDPOINT + "): the events and"
              + " landing queues are reached there whatever host their URLs name. Passed on to the jobs. Default:"
              + " the queue URL's host.")
  URI sqsEndpoint;

  /** {@code --layout} as given on the command line. */
  public Optional<String> layoutFlag() {
    return Optional.ofNullable(layout).map(String::strip);
  }

  /** The effective configuration from flags, the given environment and the config file. */
  public AwsRunConfig resolve(Map<String, String> env) {
    Path file = config != null ? config : env(env, ENV_CONFIG).map(Path::of).orElse(null);
    AwsRunConfig base = file != null ? AwsRunConfig.read(file) : AwsRunConfig.empty();
    AwsRunConfig fromEnv =
        new AwsRunConfig(
            env(env, "AWS_REGION"),
            env(env, ENV_JOB_QUEUE),
            Map.of(),
            env(env, ENV_RAW_BUCKET),
            env(env, ENV_OPT_BUCKET),
            env(env, ENV_COG_BUCKET),
            env(env, ENV_RUNS_BUCKET),
            env(env, ENV_EVENTS_QUEUE).map(URI::create),
            Map.of(),
            PriceTable.defaults(),
            new ServiceEndpoints(
                env(env, ENV_BATCH_ENDPOINT).map(v -> endpoint(ENV_BATCH_ENDPOINT, v)),
                env(env, ENV_S3_ENDPOINT).map(v -> endpoint(ENV_S3_ENDPOINT, v)),
                env(env, ENV_SQS_ENDPOINT).map(v -> endpoint(ENV_SQS_ENDPOINT, v))),
            env(env, ENV_LAYOUT));
    Map<Stage, String> defs = new EnumMap<>(Stage.class);
    if (jobDefinitions != null) {
      jobDefinitions.forEach(
          (job, name) -> {
            try {
              defs.put(Stage.ofJobName(job), name);
            } catch (IllegalArgumentException e) {
              throw new AwsConfigException("--job-definition: " + e.getMessage());
            }
          });
    }
    AwsRunConfig fromFlags =
        new AwsRunConfig(
            Optional.ofNullable(region),
            Optional.ofNullable(jobQueue),
            defs,
            Optional.ofNullable(rawBucket),
            Optional.ofNullable(optBucket),
            Optional.ofNullable(cogBucket),
            Optional.ofNullable(runsBucket),
            Optional.ofNullable(eventsQueue),
            Map.of(),
            PriceTable.defaults(),
            new ServiceEndpoints(
                Optional.ofNullable(batchEndpoint).map(u -> endpoint("--batch-endpoint", u.toString())),
                Optional.ofNullable(s3Endpoint).map(u -> endpoint("--s3-endpoint", u.toString())),
                Optional.ofNullable(sqsEndpoint).map(u -> endpoint("--sqs-endpoint", u.toString()))),
            Optional.ofNullable(layout));
    return base.overriddenBy(fromEnv).overriddenBy(fromFlags);
  }

  /** An absolute http(s) URL, or a one-line error naming where it came from. */
  private static URI endpoint(String from, String value) {
    try {
      URI uri = new URI(value);
      if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw new AwsConfigException(from + " must be an http(s) URL, got '" + value + "'");
      }
      return uri;
    } catch (java.net.URISyntaxException e) {
      throw new AwsConfigException(from + " must be an http(s) URL, got '" + value + "'");
    }
  }

  private static Optional<String> env(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }
}
