package dev.scenelift.batch.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.scenelift.json.Json;
import dev.scenelift.scene.Stage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.batch.BatchClient;

/**
 * The AWS Batch API played by WireMock in this JVM: by default ListJobs finds nothing and SubmitJob accepts every job
 * with id {@code id-<jobName>}. Tests add their own stubs (scenarios) on {@link #wireMock()}.
 */
public final class BatchApiServer implements AutoCloseable {
  public static final String QUEUE = "scenelift-queue";

  private final WireMockServer server;

  public BatchApiServer() {
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().templatingEnabled(true));
    server.start();
    defaults();
  }

  public void defaults() {
    server.resetAll();
    server.stubFor(
        post(urlEqualTo("/v1/listjobs"))
            .atPriority(10)
            .willReturn(json(200, "{\"jobSummaryList\":[]}")));
    server.stubFor(
        post(urlEqualTo("/v1/submitjob"))
            .atPriority(10)
            .willReturn(
                json(
                        200,
                        "{\"jobName\":\"{{jsonPath request.body '$.jobName'}}\","
                            + "\"jobId\":\"id-{{jsonPath request.body '$.jobName'}}\"}")
                    .withTransformers("response-template")));
  }

  public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
  }

  public WireMockServer wireMock() {
    return server;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  public AwsRunConfig config() {
    return new AwsRunConfig(
        Optional.of("us-east-1"),
        Optional.of(QUEUE),
        new EnumMap<Stage, String>(Map.of(Stage.COG, "scenelift-cog-convert:7")),
        Optional.of("scenelift-raw"),
        Optional.of("scenelift-opt"),
        Optional.of("scenelift-cog"),
        Optional.of("scenelift-runs"),
        Optional.empty(),
        Map.of(),
        PriceTable.defaults(),
        new ServiceEndpoints(Optional.of(endpoint()), Optional.empty(), Optional.empty()),
        Optional.empty());
  }

  public BatchClient client() {
    return BatchClients.create(
        config(), StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test-secret")));
  }

  /** Requests to one operation ({@code submitjob}, {@code listjobs}, {@code describejobs}) in arrival order. */
  public List<LoggedRequest> requests(String operation) {
    return server.getAllServeEvents().stream()
        .map(e -> e.getRequest())
        .filter(r -> r.getUrl().equals("/v1/" + operation))
        .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate))
        .toList();
  }

  public int totalRequests() {
    return server.getAllServeEvents().size();
  }

  public static JsonNode body(LoggedRequest r) {
    try {
      return Json.mapper().readTree(r.getBodyAsString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
