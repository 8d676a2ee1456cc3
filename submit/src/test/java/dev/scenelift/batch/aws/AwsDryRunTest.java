package dev.scenelift.batch.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scenelift.json.Json;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.runs.StageChain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AwsDryRunTest {
  private static BatchApiServer api;
  private static RunManifest manifest;

  @BeforeAll
  static void start() throws Exception {
    api = new BatchApiServer();
    manifest =
        RealTileList.manifest(
            "h03v03-20261124t0600-dry0", api.config().layout(), RealTileList.scenes(), OptionalInt.empty());
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private DryRunReport report() {
    return AwsDryRun.plan(manifest, api.config(), new StageChain(Optional.empty(), Map.of()));
  }

  @Test
  void dryRunJsonShowsGraphRequestsAndEstimateWithoutAnyAwsCall() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    report().printJson(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    JsonNode json = Json.mapper().readTree(bytes.toByteArray());
    int tasks = manifest.split().taskCount();
    assertThat(json.get("scenes").asInt()).isEqualTo(2357);
    assertThat(json.get("tasks").asInt()).isEqualTo(tasks);
    assertThat(json.get("graph")).hasSize(4);
    assertThat(json.get("graph").get(1).get("dependsOn").get(0).get("job").asText()).isEqualTo("fetch-scene");
    assertThat(json.get("graph").get(1).get("dependsOn").get(0).get("type").asText()).isEqualTo("N_TO_N");
    assertThat(json.get("graph").get(3).get("dependsOn").get(0).get("type").asText()).isEqualTo("WHOLE");
    assertThat(json.get("submitJobRequests")).hasSize(4);
    assertThat(json.get("submitJobRequests").get(0).get("arrayProperties").get("size").asInt()).isEqualTo(tasks);
    JsonNode totals = json.get("estimate").get("totals");
    long bytesOfList = manifest.knownBytes();
    assertThat(bytesOfList).isGreaterThan(0);
    assertThat(totals.get("bytesMoved").asLong()).isGreaterThanOrEqualTo(4 * bytesOfList);
    assertThat(totals.get("s3Puts").asLong()).isGreaterThan(2357L * 30);
    assertThat(totals.get("spotDollars").asDouble()).isGreaterThan(0).isLessThan(totals.get("fargateDollars").asDouble());
    assertThat(json.get("estimate").get("stages").get(0).get("vcpuHours").asDouble()).isGreaterThan(0);
    assertThat(json.get("estimate").get("prices").get("as_of").asText()).isEqualTo(PriceTable.DEFAULTS_AS_OF);
    assertThat(api.totalRequests()).isZero();
  }

  @Test
  void endpointOverridesReachEveryJobThroughItsRequest() {
    AwsRunConfig config =
        api.config()
            .overriddenBy(
                new AwsRunConfig(
                    Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), PriceTable.defaults(),
                    new ServiceEndpoints(
                        Optional.empty(),
                        Optional.of(java.net.URI.create("http://127.0.0.1:9000")),
                        Optional.of(java.net.URI.create("http://127.0.0.1:9324"))),
                    Optional.empty()));
    DryRunReport report =
        AwsDryRun.plan(manifest, config, new StageChain(Optional.empty(), config.endpoints().jobEnvironment()));
    assertThat(report.bodies()).hasSize(4);
    for (SubmitJobBody body : report.bodies()) {
      assertThat(body.containerOverrides().environment())
          .as(body.jobName())
          .contains(
              new SubmitJobBody.NameValue("SCENELIFT_S3_ENDPOINT", "http://127.0.0.1:9000"),
              new SubmitJobBody.NameValue("SCENELIFT_SQS_ENDPOINT", "http://127.0.0.1:9324"));
    }
    assertThat(api.totalRequests()).isZero();
  }

  @Test
  void dryRunTextNamesEveryStageAndTheCost() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    report().printText(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .contains("2357 scenes")
        .contains("no AWS call made")
        .containsPattern("cloud-filter +array \\d+ +N_TO_N on fetch-scene")
        .containsPattern("index-build +plain job +after all of cog-convert")
        .contains("Spot $")
        .contains("storage afterwards")
        .contains("\"jobName\":\"scenelift-h03v03-20261124t0600-dry0-fetch-scene\"");
    assertThat(api.totalRequests()).isZero();
  }

  @Test
  void pricesFromTheConfigChangeTheEstimate() {
    PriceTable dear =
        PriceTable.defaults().withOverrides(Json.mapper().createObjectNode().put("spot_vcpu_hour", 1.0));
    RunEstimate cheap = RunEstimate.of(manifest, SourceEstimate.Regions.UNKNOWN, PriceTable.defaults());
    RunEstimate costly = RunEstimate.of(manifest, SourceEstimate.Regions.UNKNOWN, dear);
    double vcpuHours = cheap.stages().stream().mapToDouble(RunEstimate.StageEstimate::vcpuHours).sum();
    assertThat(costly.spotDollars() - cheap.spotDollars())
        .isCloseTo(vcpuHours * (1.0 - PriceTable.defaults().spotVcpuHour()), org.assertj.core.data.Offset.offset(0.01));
    assertThat(costly.fargateDollars()).isEqualTo(cheap.fargateDollars());
  }
}
