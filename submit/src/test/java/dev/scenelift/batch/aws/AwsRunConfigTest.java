package dev.scenelift.batch.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenelift.scene.Stage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class AwsRunConfigTest {
  @TempDir Path dir;

  /** A command that only mixes the options in, to parse them as submit-run does. */
  @Command(name = "probe")
  static final class Probe implements Runnable {
    @Mixin AwsOptions aws;

    @Override
    public void run() {}
  }

  private static final String TERRAFORM_OUTPUT =
      "{\n"
          + "  \"cog_bucket\": {\"sensitive\": false, \"type\": \"string\", \"value\": \"sl-cog\"},\n"
          + "  \"ecr_repositories\": {\"sensitive\": false, \"type\": [\"map\", \"string\"],"
          + " \"value\": {\"fetch-scene\": \"123.dkr.ecr.eu-west-1.amazonaws.com/scenelift/fetch-scene\"}},\n"
          + "  \"events_queue_url\": {\"sensitive\": false, \"type\": \"string\","
          + " \"value\": \"https://sqs.eu-west-1.amazonaws.com/123/scenelift-events\"},\n"
          + "  \"job_definitions\": {\"sensitive\": false, \"type\": [\"map\", \"string\"],"
          + " \"value\": {\"fetch-scene\": \"scenelift-fetch-scene:4\", \"index-build\": \"scenelift-index-build:2\"}},\n"
          + "  \"job_queue\": {\"sensitive\": false, \"type\": \"string\", \"value\": \"scenelift-spot\"},\n"
          + "  \"opt_bucket\": {\"sensitive\": false, \"type\": \"string\", \"value\": \"sl-opt\"},\n"
          + "  \"raw_bucket\": {\"sensitive\": false, \"type\": \"string\", \"value\": \"sl-raw\"},\n"
          + "  \"region\": {\"sensitive\": false, \"type\": \"string\", \"value\": \"eu-west-1\"},\n"
          + "  \"runs_bucket\": {\"sensitive\": false, \"type\": \"string\", \"value\": \"sl-runs\"}\n"
          + "}\n";

  private AwsRunConfig parse(Map<String, String> env, String... args) {
    Probe probe = new Probe();
    new CommandLine(probe).parseArgs(args);
    return probe.aws.resolve(env);
  }

  @Test
  void readsInfraExampleOutputWhoseJobDefinitionsAreObjectsWithArnAndName() {
    Path example = Path.of("../infra/outputs.example.json");
    AwsRunConfig c = parse(Map.of(), "--config", example.toString());
    assertThat(c.jobQueue()).contains("scenelift");
    assertThat(c.jobDefinition(Stage.FETCH))
        .isEqualTo("arn:aws:batch:us-west-2:123456789012:job-definition/scenelift-fetch-scene:1");
    assertThat(c.layout().raw().bucket()).isEqualTo("scenelift-raw-123456789012");
  }

  @Test
  void readsTerraformOutputJsonAsItIs() throws Exception {
    Path file = Files.writeString(dir.resolve("out.json"), TERRAFORM_OUTPUT);
    AwsRunConfig c = parse(Map.of(), "--config", file.toString());
    assertThat(c.region()).contains("eu-west-1");
    assertThat(c.jobQueue()).contains("scenelift-spot");
    assertThat(c.defaultEngine()).isEqualTo("aws");
    assertThat(c.jobDefinition(Stage.FETCH)).isEqualTo("scenelift-fetch-scene:4");
    assertThat(c.jobDefinition(Stage.FILTER)).isEqualTo("scenelift-cloud-filter");
    assertThat(c.eventsQueue()).contains(URI.create("https://sqs.eu-west-1.amazonaws.com/123/scenelift-events"));
    assertThat(c.ecrRepositories()).containsKey("fetch-scene");
    assertThat(c.layout().raw().toString()).isEqualTo("s3://sl-raw/");
    assertThat(c.layout().cog().toString()).isEqualTo("s3://sl-cog/");
    assertThat(c.layout().manifest("r1").toString()).isEqualTo("s3://sl-runs/runs/r1/manifest.json");
    assertThat(c.prices()).isEqualTo(PriceTable.defaults());
  }

  @Test
  void flagsOverrideEnvironmentWhichOverridesTheFile() throws Exception {
    Path file = Files.writeString(dir.resolve("out.json"), TERRAFORM_OUTPUT);
    AwsRunConfig c =
        parse(
            Map.of(AwsOptions.ENV_JOB_QUEUE, "from-env", "AWS_REGION", "us-west-2", AwsOptions.ENV_CONFIG, file.toString()),
            "--job-queue",
            "from-flag",
            "--job-definition",
            "cog-convert=cog:9");
    assertThat(c.jobQueue()).contains("from-flag");
    assertThat(c.region()).contains("us-west-2");
    assertThat(c.rawBucket()).contains("sl-raw");
    assertThat(c.jobDefinition(Stage.COG)).isEqualTo("cog:9");
    assertThat(c.jobDefinition(Stage.FETCH)).isEqualTo("scenelift-fetch-scene:4");
  }

  @Test
  void endpointOverridesComeFromFlagsEnvironmentOrFileAndReachTheJobs() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("endpoints.json"),
            "{\"job_queue\":\"q\",\"raw_bucket\":\"b\",\"batch_endpoint\":\"http://127.0.0.1:1/\","
                + "\"s3_endpoint\":{\"sensitive\":false,\"type\":\"string\",\"value\":\"http://127.0.0.1:2\"},"
                + "\"sqs_endpoint\":\"http://127.0.0.1:3\"}");
    AwsRunConfig fromFile = parse(Map.of(), "--config", file.toString());
    assertThat(fromFile.endpoints().batch()).contains(URI.create("http://127.0.0.1:1/"));
    assertThat(fromFile.endpoints().s3()).contains(URI.create("http://127.0.0.1:2"));
    assertThat(fromFile.s3().endpoint()).contains(URI.create("http://127.0.0.1:2"));
    assertThat(fromFile.s3().pathStyle()).as("S3-compatible stores need path-style").isTrue();

    AwsRunConfig over =
        parse(
            Map.of(AwsOptions.ENV_CONFIG, file.toString(), AwsOptions.ENV_SQS_ENDPOINT, "http://localhost:4566"),
            "--s3-endpoint",
            "https://s3.example.test:9000");
    assertThat(over.endpoints().s3()).contains(URI.create("https://s3.example.test:9000"));
    assertThat(over.endpoints().sqs()).contains(URI.create("http://localhost:4566"));
    assertThat(over.endpoints().batch()).contains(URI.create("http://127.0.0.1:1/"));
    assertThat(over.endpoints().jobEnvironment())
        .containsOnly(
            Map.entry("SCENELIFT_S3_ENDPOINT", "https://s3.example.test:9000"),
            Map.entry("SCENELIFT_SQS_ENDPOINT", "http://localhost:4566"));

    AwsRunConfig plain = parse(Map.of(), "--job-queue", "q");
    assertThat(plain.endpoints()).isEqualTo(ServiceEndpoints.aws());
    assertThat(plain.s3().endpoint()).isEmpty();
    assertThat(plain.s3().pathStyle()).isFalse();
  }

  @Test
  void anEndpointThatIsNotAnHttpUrlIsAConfigErrorNamingItsSource() {
    assertThatThrownBy(() -> parse(Map.of(AwsOptions.ENV_S3_ENDPOINT, "127.0.0.1:9000")))
        .isInstanceOf(AwsConfigException.class)
        .hasMessage("SCENELIFT_S3_ENDPOINT must be an http(s) URL, got '127.0.0.1:9000'");
    assertThatThrownBy(() -> parse(Map.of(), "--sqs-endpoint", "ftp://host/"))
        .hasMessage("--sqs-endpoint must be an http(s) URL, got 'ftp://host/'");
  }

  @Test
  void withoutAJobQueueTheEngineDefaultsToLocal() {
    AwsRunConfig c = parse(Map.of(), "--raw-bucket", "only-raw");
    assertThat(c.defaultEngine()).isEqualTo("local");
    assertThat(c.layout().raw().toString()).isEqualTo("s3://only-raw/raw/");
    assertThat(c.layout().manifest("r1").toString()).isEqualTo("s3://only-raw/runs/r1/manifest.json");
    assertThatThrownBy(c::requireJobQueue).hasMessageContaining("--job-queue");
  }

  @Test
  void layoutChoosesThreeBucketsOrPrefixesOfTheRawBucket() throws Exception {
    Path file = Files.writeString(dir.resolve("out.json"), TERRAFORM_OUTPUT);
    AwsRunConfig buckets = parse(Map.of(), "--config", file.toString());
    assertThat(buckets.effectiveLayout()).isEqualTo("buckets");
    assertThat(buckets.layout().opt().toString()).isEqualTo("s3://sl-opt/");

    AwsRunConfig prefixes = parse(Map.of(), "--config", file.toString(), "--layout", "prefixes");
    assertThat(prefixes.layout().raw().toString()).isEqualTo("s3://sl-raw/raw/");
    assertThat(prefixes.layout().opt().toString()).isEqualTo("s3://sl-raw/opt/");
    assertThat(prefixes.layout().cog().toString()).isEqualTo("s3://sl-raw/cog/");
    assertThat(prefixes.layout().manifest("r1").toString()).isEqualTo("s3://sl-runs/runs/r1/manifest.json");

    Path infra = Files.writeString(dir.resolve("infra.json"),
        "{\"raw_bucket\":\"sl-data\",\"opt_bucket\":\"sl-data\",\"cog_bucket\":\"sl-data\",\"runs_bucket\":\"sl-runs\","
            + "\"layout\":{\"sensitive\":false,\"type\":\"string\",\"value\":\"prefixes\"}}");
    assertThat(parse(Map.of(), "--config", infra.toString()).layout().opt().toString())
        .as("infra's layout output").isEqualTo("s3://sl-data/opt/");
    assertThatThrownBy(() -> parse(Map.of(AwsOptions.ENV_LAYOUT, "buckets"), "--config", infra.toString()).layout())
        .hasMessageContaining("three different buckets");
    assertThatThrownBy(() -> parse(Map.of(), "--raw-bucket", "sl-b", "--layout", "buckets").layout())
        .hasMessageContaining("needs an opt bucket");
    assertThatThrownBy(() -> parse(Map.of(), "--raw-bucket", "sl-b", "--layout", "folders"))
        .hasMessageContaining("layout must be buckets or prefixes");
  }

  @Test
  void pricesInTheConfigOverrideTheDefaults() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("plain.json"),
            "{\"job_queue\":\"q\",\"raw_bucket\":\"b\",\"prices\":{\"spot_vcpu_hour\":0.02,\"as_of\":\"2026-11-01\"}}");
    PriceTable p = parse(Map.of(), "--config", file.toString()).prices();
    assertThat(p.spotVcpuHour()).isEqualTo(0.02);
    assertThat(p.asOf()).isEqualTo("2026-11-01");
    assertThat(p.fargateVcpuHour()).isEqualTo(PriceTable.defaults().fargateVcpuHour());
  }

  @Test
  void badConfigIsOneLineNamingFileAndField() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.json"), "{\"job_definitions\":{\"value\":{\"fetch\":\"x\"},\"type\":\"map\"}}");
    assertThatThrownBy(() -> parse(Map.of(), "--config", file.toString()))
        .isInstanceOf(AwsConfigException.class)
        .hasMessage("config " + file + ": job_definitions: unknown stage 'fetch'");
    Path prices = Files.writeString(dir.resolve("prices.json"), "{\"prices\":{\"spot_cpu\":1}}");
    assertThatThrownBy(() -> parse(Map.of(), "--config", prices.toString()))
        .hasMessageStartingWith("config " + prices + ": unknown price 'spot_cpu'");
  }

  @Test
  void helpDescribesEveryAwsOptionWithItsDefault() {
    String help = new CommandLine(new Probe()).getUsageMessage();
    for (String option :
        new String[] {"--config", "--region", "--job-queue", "--job-definition", "--events-queue", "--raw-bucket",
          "--opt-bucket", "--cog-bucket", "--runs-bucket", "--batch-endpoint", "--s3-endpoint", "--sqs-endpoint"}) {
      assertThat(help).contains(option);
    }
    assertThat(help.split("Default:", -1)).hasSizeGreaterThan(10);
  }
}
