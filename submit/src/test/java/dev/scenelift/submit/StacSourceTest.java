package dev.scenelift.submit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scenelift.job.ExitCodes;
import dev.scenelift.json.Json;
import dev.scenelift.scene.SceneId;
import dev.scenelift.source.Catalogs;
import dev.scenelift.submit.InProcessSubmitRun.Result;
import dev.scenelift.testing.StacApiServer;
import dev.scenelift.testjobs.TestJobs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code submit-run --stac URL} against a STAC API on loopback shaped like USGS's. */
class StacSourceTest {
  private static final List<SceneId> SCENES =
      List.of(
          SceneId.parse("LC08_CU_003003_20210602_20210615_02"),
          SceneId.parse("LC08_CU_003003_20210618_20210702_02"),
          SceneId.parse("LC08_CU_003003_20210704_20210713_02"));

  private static final Path INFRA_OUTPUT = Path.of("../infra/outputs.example.json");

  @TempDir Path home;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private StacApiServer server;


  @BeforeEach
  void start() throws Exception {
    server = new StacApiServer();
    for (int i = 0; i < SCENES.size(); i++) {
      server.add(new StacApiServer.Item(SCENES.get(i), "landsat-c2ard-sr", 25.0 * i,
          StacApiServer.sampleAssets(SCENES.get(i), i)));
    }
  }

  @AfterEach
  void stop() {
    server.close();
    executor.shutdownNow();
  }

  private Result run(String... args) {
    SubmitContext context =
        new SubmitContext(Map.of(), home, false, executor, TestJobs::all, Catalogs::forSource, Clock.systemUTC(),
            Duration.ofMillis(20));
    return InProcessSubmitRun.execute(context, args);
  }

  @Test
  void dryRunShowsItemsPagesAndFilesWithoutWritingAnything() {
    Result r = run("--tile", "h03v03", "--stac", server.api().toString(), "--collections", "landsat-c2ard-sr",
        "--dry-run", "--data-dir", home.resolve("data").toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("source     stac:" + server.api())
        .contains("scenes     3")
        .contains("note       stac " + server.api() + "/: 3 item(s) on 2 page(s) for tile h03v03 in landsat-c2ard-sr:"
            + " 3 scene(s), 15 file(s); bytes expected (the assets' file:size) unknown: none of the 15 source objects"
            + " gives its size")
        .contains("scenes     3, bytes expected unknown: none of the 15 source objects gives its size")
        .contains(SCENES.get(2).toString());
    assertThat(home.resolve("data")).doesNotExist();
  }

  @Test
  void dryRunCountsTheAssetsFileSizeAndSaysHowManyFilesGiveNone() {
    server.setFileSizes(true);
    SceneId withoutXml = SceneId.parse("LC08_CU_003003_20210720_20210729_02");
    server.add(new StacApiServer.Item(withoutXml, "landsat-c2ard-sr", 5,
        StacApiServer.sampleAssets(withoutXml, 7).subList(0, 4)));
    long bytes = 0;
    for (int i = 0; i < SCENES.size(); i++) {
      bytes += StacApiServer.sampleAssets(SCENES.get(i), i).stream().mapToLong(a -> a.bytes().length).sum();
    }
    bytes += StacApiServer.sampleAssets(withoutXml, 7).subList(0, 4).stream().mapToLong(a -> a.bytes().length).sum();

    Result r = run("--tile", "h03v03", "--stac", server.api().toString(), "--collections", "landsat-c2ard-sr",
        "--dry-run");

    assertThat(r.exit()).as(r.err()).isZero();
    String expected = dev.scenelift.manifest.ExpectedBytes.bytes(bytes)
        + " from the 19 of 20 source objects that give their size, 1 unknown";
    assertThat(r.out())
        .contains("4 item(s) on 2 page(s)")
        .contains("4 scene(s), 20 file(s); bytes expected (the assets' file:size) " + expected)
        .contains("scenes     4, bytes expected " + expected)
        .contains("1 scene(s) whose items list no metadata XML");
  }

  @Test
  void awsDryRunPricesTheSourcesRequestsAndTransferOutOfTheRegion() throws Exception {
    server.setFileSizes(true);
    Result r = run("--tile", "h03v03", "--stac", server.api().toString(), "--collections", "landsat-c2ard-sr",
        "--request-payer", "requester", "--source-region", "us-east-1", "--config", INFRA_OUTPUT.toString(),
        "--engine", "aws", "--dry-run", "--json");

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode plan = Json.mapper().readTree(r.out());
    assertThat(plan.get("notes").get(0).asText()).contains("3 item(s) on 2 page(s)");
    assertThat(plan.get("sourceBytes").get("unsized").asInt()).isZero();
    long bytes = plan.get("sourceBytes").get("known").asLong();
    JsonNode source = plan.get("estimate").get("source");
    assertThat(source.get("objects").asInt()).isEqualTo(15);
    assertThat(source.get("gets").asInt()).as("one requester-pays GET per streamed file").isEqualTo(15);
    assertThat(source.get("copies").asInt()).isZero();
    assertThat(source.get("bytes").asLong()).isEqualTo(bytes);
    assertThat(source.get("interRegion").asBoolean()).isTrue();
    assertThat(source.get("transferDollars").asDouble()).isEqualTo(bytes / 1e9 * 0.02);
    assertThat(source.get("requestDollars").asDouble()).isEqualTo(15 / 1000.0 * 0.0004);
  }

  @Test
  void awsDryRunInTheSourcesRegionCopiesServerSideAndTransfersForFree() {
    server.setFileSizes(true);
    Result r = run("--tile", "h03v03", "--stac", server.api().toString(), "--collections", "landsat-c2ard-sr",
        "--request-payer", "requester", "--source-region", "us-west-2", "--config", INFRA_OUTPUT.toString(),
        "--engine", "aws", "--dry-run");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("note stac " + server.api() + "/: 3 item(s) on 2 page(s)")
        .containsPattern("source s3:// +0\\.0 +15 +15 +0\\.00 +0\\.00")
        .contains("source: 15 s3:// object(s); 15 GET/HEAD at $0.0004/1000 and 15 COPY at $0.005/1000 = $0.00;"
            + " transfer free (source and run in us-west-2) = $0.00");
  }

  @Test
  void dryRunJsonCarriesTheFilesInTheManifestSourceAndTheCopyMode() throws Exception {
    Result r = run("--tile", "h03v03", "--stac", server.api().toString(), "--collections", "landsat-c2ard-sr",
        "--dry-run", "--json");

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode plan = Json.mapper().readTree(r.out());
    assertThat(plan.get("source").asText()).isEqualTo("stac:" + server.api());
    assertThat(plan.get("scenes").asInt()).isEqualTo(3);
    assertThat(plan.get("notes").toString()).contains("3 item(s) on 2 page(s)");
  }

  @Test
  void prefilterUsesTheItemsCloudCover() {
    Result r = run("--tile", "h03v03", "--stac", server.api().toString(), "--collections", "landsat-c2ard-sr",
        "--prefilter-max-cloud", "30", "--dry-run");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("kept 2 of 3 scenes, dropped 1").contains("scenes     2")
        .doesNotContain(SCENES.get(2) + "  ");
  }

  @Test
  void unknownCollectionIsAOneLineUsageError() {
    Result r = run("--tile", "h03v03", "--stac", server.api().toString(), "--collections", "landsat-c2ard-zz",
        "--dry-run");

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines()).singleElement().asString().contains("no collection landsat-c2ard-zz");
  }

  @Test
  void emptySearchIsAOneLineUsageErrorNamingTheSearch() {
    Result r = run("--tile", "h04v03", "--stac", server.api().toString(), "--dry-run");

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines()).singleElement().asString().contains("found no item of tile h04v03");
  }

  @Test
  void aSearchOverThePageLimitIsOneUsageLineSayingHowToNarrowIt() {
    Result r = run("--tile", "h03v03", "--stac", server.api().toString(), "--collections", "landsat-c2ard-sr",
        "--stac-max-pages", "1", "--dry-run");

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines()).singleElement().asString()
        .contains("the search at " + server.api() + "/search has more than 1 pages of 100 items")
        .contains("narrow it with --since/--until or raise --stac-max-pages");
  }

  @Test
  void aSearchPastItsTimeLimitIsOneLineExitThree() {
    server.slowFirstRequestOfPage(2, 5_000);

    Result r = run("--tile", "h03v03", "--stac", server.api().toString(), "--collections", "landsat-c2ard-sr",
        "--stac-timeout", "2", "--dry-run");

    assertThat(r.exit()).as(r.err()).isEqualTo(ExitCodes.INFRASTRUCTURE);
    assertThat(r.err().lines()).singleElement().asString()
        .contains(server.api() + "/search")
        .contains("the search took longer than its limit of 2 s");
  }

  @Test
  void unreachableApiIsExitThreeNamingIt() {
    int port = server.api().getPort();
    server.close();

    Result r = run("--tile", "h03v03", "--stac", "http://127.0.0.1:" + port + "/stac-server", "--stac-timeout", "5",
        "--dry-run");

    assertThat(r.exit()).isEqualTo(ExitCodes.INFRASTRUCTURE);
    assertThat(r.err().lines()).singleElement().asString().contains("127.0.0.1:" + port);
  }

  @Test
  void stacAndSourceTogetherAreAUsageError() {
    Result r = run("--tile", "h03v03", "--stac", server.api().toString(), "--source", "synthetic", "--dry-run");

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--stac and --source are alternatives");
  }
}
