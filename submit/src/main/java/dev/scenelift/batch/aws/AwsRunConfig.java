package dev.scenelift.batch.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scenelift.json.Json;
import dev.scenelift.scene.Stage;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;
import dev.scenelift.store.S3Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a run goes on AWS: region, job queue, job definitions, buckets, events queue, prices.
 *
 * <p>Read from the JSON of {@code terraform output -json} as it is (each output an object {@code {"value": …, "type":
 * …, "sensitive": …}}) or from a plain object of the same names: {@code region}, {@code job_queue}, {@code
 * job_definitions} (job name → definition name), {@code raw_bucket}, {@code opt_bucket}, {@code cog_bucket}, {@code
 * runs_bucket}, {@code events_queue_url}, {@code ecr_repositories}, and optionally {@code prices} ({@link PriceTable}
 * fields) and the endpoint overrides {@code batch_endpoint}, {@code s3_endpoint}, {@code sqs_endpoint}.
 *
 * @param region AWS region; empty means the SDK's default chain
 * @param jobQueue Batch job queue name or ARN; empty means "not on AWS"
 * @param jobDefinitions definition name (or ARN) per stage, where it differs from {@code scenelift-<job>}
 * @param rawBucket bucket of the raw tree
 * @param optBucket bucket of the cloud-free tree
 * @param cogBucket bucket of the COG tree
 * @param runsBucket bucket of {@code runs/<run-id>/}
 * @param eventsQueue SQS queue URL for scene events
 * @param ecrRepositories job name → image repository URL (informational; the job definitions name the images)
 * @param prices the estimate's price table
 * @param endpoints endpoint overrides for Batch, S3 and SQS (S3-compatible stores, LocalStack, tests)
 * @param collectionLayout {@code buckets} (each collection a bucket of its own) or {@code prefixes} (raw/, opt/, cog/
 *     in the raw bucket), as infra's {@code layout} output says; empty: buckets when an opt or cog bucket is
 *     configured, else prefixes
 */
public record AwsRunConfig(
    Optional<String> region,
    Optional<String> jobQueue,
    Map<Stage, String> jobDefinitions,
    Optional<String> rawBucket,
    Optional<String> optBucket,
    Optional<String> cogBucket,
    Optional<String> runsBucket,
    Optional<URI> eventsQueue,
    Map<String, String> ecrRepositories,
    PriceTable prices,
    ServiceEndpoints endpoints,
    Optional<String> collectionLayout) {
  public static final String BUCKETS = "buckets";
  public static final String PREFIXES = "prefixes";

  public AwsRunConfig {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(jobQueue, "jobQueue");
    jobDefinitions = Map.copyOf(jobDefinitions);
    Objects.requireNonNull(rawBucket, "rawBucket");
    Objects.requireNonNull(optBucket, "optBucket");
    Objects.requireNonNull(cogBucket, "cogBucket");
    Objects.requireNonNull(runsBucket, "runsBucket");
    Objects.requireNonNull(eventsQueue, "eventsQueue");
    ecrRepositories = Map.copyOf(ecrRepositories);
    Objects.requireNonNull(prices, "prices");
    Objects.requireNonNull(endpoints, "endpoints");
    collectionLayout = Objects.requireNonNull(collectionLayout, "collectionLayout").map(AwsRunConfig::checkLayout);
  }

  private static String checkLayout(String value) {
    String v = value.strip().toLowerCase(java.util.Locale.ROOT);
    if (!v.equals(BUCKETS) && !v.equals(PREFIXES)) {
      throw new AwsConfigException("layout must be buckets or prefixes, got '" + value + "'");
    }
    return v;
  }

  /** Nothing configured: the embedded engine's case. */
  public static AwsRunConfig empty() {
    return new AwsRunConfig(
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        PriceTable.defaults(),
        ServiceEndpoints.aws(),
        Optional.empty());
  }

  /** Reads a config file: {@code terraform output -json} or a plain object with the same names. */
  public static AwsRunConfig read(Path file) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new AwsConfigException("cannot read config " + file + ": " + e.getMessage(), e);
    }
    try {
      return fromJson(root);
    } catch (AwsConfigException | IllegalArgumentException e) {
      throw new AwsConfigException("config " + file + ": " + e.getMessage(), e);
    }
  }

  static AwsRunConfig fromJson(JsonNode root) {
    if (root == null || !root.isObject()) {
      throw new AwsConfigException("expected a JSON object (the output of 'terraform output -json')");
    }
    Map<Stage, String> definitions = new EnumMap<>(Stage.class);
    jobDefinitionNames(root)
        .forEach(
            (job, name) -> {
              try {
                definitions.put(Stage.ofJobName(job), name);
              } catch (IllegalArgumentException e) {
                throw new AwsConfigException("job_definitions: " + e.getMessage());
              }
            });
    return new AwsRunConfig(
        text(root, "region"),
        text(root, "job_queue"),
        definitions,
        text(root, "raw_bucket"),
        text(root, "opt_bucket"),
        text(root, "cog_bucket"),
        text(root, "runs_bucket"),
        text(root, "events_queue_url").map(v -> uri("events_queue_url", v)),
        stringMap(root, "ecr_repositories"),
        PriceTable.defaults().withOverrides(value(root, "prices")),
        new ServiceEndpoints(
            text(root, "batch_endpoint").map(v -> uri("batch_endpoint", v)),
            text(root, "s3_endpoint").map(v -> uri("s3_endpoint", v)),
            text(root, "sqs_endpoint").map(v -> uri("sqs_endpoint", v))),
        text(root, "layout"));
  }

  /** How the submitter and the jobs reach S3: the region, and the endpoint override (path-style) when there is one. */
  public S3Settings s3() {
    S3Settings aws = S3Settings.aws(region);
    return endpoints.s3().map(e -> aws.withEndpoint(e).withPathStyle(true)).orElse(aws);
  }

  /** True when runs go to AWS Batch: a job queue is configured. */
  public boolean onAws() {
    return jobQueue.isPresent();
  }

  /** {@code aws} when a job queue is configured, {@code local} otherwise: the default of {@code --engine}. */
  public String defaultEngine() {
    return onAws() ? "aws" : "local";
  }

  public String requireJobQueue() {
    return jobQueue.orElseThrow(
        () -> new AwsConfigException("no job queue: pass --job-queue, SCENELIFT_JOB_QUEUE or --config with job_queue"));
  }

  /** The job definition of a stage: configured, or {@code scenelift-<job>}. */
  public String jobDefinition(Stage stage) {
    return jobDefinitions.getOrDefault(stage, "scenelift-" + stage.jobName());
  }

  /** {@code buckets} or {@code prefixes}: as configured, else buckets when an opt or cog bucket is configured. */
  public String effectiveLayout() {
    return collectionLayout.orElse(optBucket.isPresent() || cogBucket.isPresent() ? BUCKETS : PREFIXES);
  }

  /**
   * The key layout of runs on AWS. {@code buckets}: each collection's tree is the root of its bucket (raw, opt and cog
   * buckets required); {@code prefixes}: the three trees are {@code raw/}, {@code opt/}, {@code cog/} of the raw
   * bucket. {@code runs/<run-id>/} is at the root of the runs bucket when one is configured, else of the raw bucket.
   */
  public KeyLayout layout() {
    String raw =
        rawBucket.orElseThrow(
            () -> new AwsConfigException("no raw bucket: pass --raw-bucket or --config with raw_bucket"));
    S3Location runs = new S3Location(runsBucket.orElse(raw), "");
    if (effectiveLayout().equals(PREFIXES)) {
      KeyLayout shared = KeyLayout.inBucket(raw);
      return new KeyLayout(shared.raw(), shared.opt(), shared.cog(), runs);
    }
    String opt =
        optBucket.orElseThrow(
            () -> new AwsConfigException("--layout buckets needs an opt bucket: pass --opt-bucket or --config"));
    String cog =
        cogBucket.orElseThrow(
            () -> new AwsConfigException("--layout buckets needs a cog bucket: pass --cog-bucket or --config"));
    if (opt.equals(raw) || cog.equals(raw) || opt.equals(cog)) {
      throw new AwsConfigException(
          "--layout buckets needs three different buckets, got raw " + raw + ", opt " + opt + ", cog " + cog
              + " (use --layout prefixes for one bucket)");
    }
    return new KeyLayout(
        new S3Location(raw, ""), new S3Location(opt, ""), new S3Location(cog, ""), runs);
  }

  /** This config with every value present in {@code over} replacing ours (flags over environment over file). */
  public AwsRunConfig overriddenBy(AwsRunConfig over) {
    Map<Stage, String> defs = new EnumMap<>(Stage.class);
    defs.putAll(jobDefinitions);
    defs.putAll(over.jobDefinitions);
    Map<String, String> ecr = new LinkedHashMap<>(ecrRepositories);
    ecr.putAll(over.ecrRepositories);
    return new AwsRunConfig(
        over.region.or(() -> region),
        over.jobQueue.or(() -> jobQueue),
        defs,
        over.rawBucket.or(() -> rawBucket),
        over.optBucket.or(() -> optBucket),
        over.cogBucket.or(() -> cogBucket),
        over.runsBucket.or(() -> runsBucket),
        over.eventsQueue.or(() -> eventsQueue),
        ecr,
        over.prices.equals(PriceTable.defaults()) ? prices : over.prices,
        endpoints.overriddenBy(over.endpoints),
        over.collectionLayout.or(() -> collectionLayout));
  }

  /** A Terraform output's value, unwrapping {@code {"value": …}}; null when absent or null. */
  private static JsonNode value(JsonNode root, String name) {
    JsonNode node = root.get(name);
    if (node != null && node.isObject() && node.has("value") && (node.has("type") || node.has("sensitive"))) {
      node = node.get("value");
    }
    return node == null || node.isNull() ? null : node;
  }

  private static Optional<String> text(JsonNode root, String name) {
    JsonNode node = value(root, name);
    if (node == null) {
      return Optional.empty();
    }
    if (!node.isValueNode()) {
      throw new AwsConfigException(name + " must be a string, got " + node);
    }
    return Optional.of(node.asText().strip()).filter(s -> !s.isEmpty());
  }

  /**
   * {@code job_definitions}: job name → definition name, or → {@code {"arn": …, "name": …}} as infra/'s Terraform
   * outputs it (the ARN is taken: it names the exact revision).
   */
  private static Map<String, String> jobDefinitionNames(JsonNode root) {
    JsonNode node = value(root, "job_definitions");
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null) {
      return out;
    }
    if (!node.isObject()) {
      throw new AwsConfigException("job_definitions must be a map, got " + node);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      JsonNode named = v.isObject() ? (v.hasNonNull("arn") ? v.get("arn") : v.get("name")) : v;
      if (named == null || !named.isValueNode()) {
        throw new AwsConfigException(
            "job_definitions." + e.getKey() + " must be a name or an object with arn or name, got " + v);
      }
      out.put(e.getKey(), named.asText());
    }
    return out;
  }

  private static Map<String, String> stringMap(JsonNode root, String name) {
    JsonNode node = value(root, name);
    Map<String, String> out = new LinkedHashMap<>();
    if (node == null) {
      return out;
    }
    if (!node.isObject()) {
      throw new AwsConfigException(name + " must be a map of strings, got " + node);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isValueNode()) {
        throw new AwsConfigException(name + "." + e.getKey() + " must be a string, got " + e.getValue());
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static URI uri(String name, String value) {
    try {
      URI uri = URI.create(value);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("not an absolute URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new AwsConfigException(name + " is not a URL: '" + value + "'");
    }
  }
}
