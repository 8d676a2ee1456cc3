package dev.scenelift.listen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenelift.batch.aws.AwsBatchEngine;
import dev.scenelift.batch.aws.AwsRunConfig;
import dev.scenelift.batch.aws.BatchApiServer;
import dev.scenelift.batch.aws.BatchCallPolicy;
import dev.scenelift.batch.aws.RealTileList;
import dev.scenelift.manifest.BundleSource;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.runs.RunEnvironment;
import dev.scenelift.runs.StageChain;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.testing.ElasticMq;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

class ListenCommandTest {
  private static final BatchCallPolicy FAST = new BatchCallPolicy(50, 3, Duration.ofMillis(10), Duration.ofMillis(50));

  private static BatchApiServer api;
  private static EmbeddedS3Store store;
  private static S3Client s3;
  private static ElasticMq mq;
  private static List<SceneEntry> real;

  private SqsClient sqs;

  @BeforeAll
  static void start() throws Exception {
    api = new BatchApiServer();
    store = EmbeddedS3Store.inMemory();
    s3 = S3ClientFactory.create(store.settings());
    for (String b : List.of("scenelift-raw", "scenelift-opt", "scenelift-cog", "scenelift-runs")) {
      s3.createBucket(x -> x.bucket(b));
    }
    mq = ElasticMq.start();
    real = RealTileList.scenes().subList(0, 3);
  }

  @AfterAll
  static void stop() throws Exception {
    mq.close();
    s3.close();
    store.close();
    api.close();
  }

  @BeforeEach
  void reset() {
    api.defaults();
    sqs = mq.client();
  }

  private RunEnvironment open(AwsRunConfig ignored) {
    AwsRunConfig config = api.config();
    return RunEnvironment.of(
        new AwsBatchEngine(api.client(), true, config, FAST), s3, config.layout(), Optional.empty(), Optional.empty(), List.of());
  }

  private String run(URI queue, Instant now) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ListenCommand command =
        new ListenCommand(
            this::open,
            new StageChain(Optional.empty(), Map.of()).launcher(),
            (q, config) -> mq.client(),
            Map.of(),
            Clock.fixed(now, ZoneOffset.UTC));
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute("--queue", queue.toString(), "--once", "--landing-prefix", "landing/");
    assertThat(code).as(err.toString()).isZero();
    return out.toString();
  }

  private static String record(String event, String key, long size) {
    return "{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"us-east-1\","
        + "\"eventTime\":\"2026-11-24T06:00:00.000Z\",\"eventName\":\""
        + event
        + "\",\"s3\":{\"s3SchemaVersion\":\"1.0\",\"configurationId\":\"landing\","
        + "\"bucket\":{\"name\":\"scenelift-landing\",\"arn\":\"arn:aws:s3:::scenelift-landing\"},"
        + "\"object\":{\"key\":\""
        + key
        + "\",\"size\":"
        + size
        + ",\"eTag\":\"0123456789abcdef0123456789abcdef\",\"sequencer\":\"0055AED6DCD90281E5\"}}}";
  }

  private static String notification(SceneEntry scene, List<BundleSource> bundles) {
    return "{\"Records\":["
        + bundles.stream()
            .map(b -> record("ObjectCreated:Put", "landing/h03v03/" + b.fileName(), b.size()))
            .collect(Collectors.joining(","))
        + "]}";
  }

  @Test
  void submitsASceneOnceAllItsBundlesLanded() throws Exception {
    URI queue = mq.createQueue(sqs, "landing-complete");
    SceneEntry a = real.get(0);
    SceneEntry b = real.get(1);
    SceneEntry c = real.get(2);
    send(queue, notification(a, a.bundles().subList(0, 3)));
    send(queue, "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"scenelift-landing\"}");
    send(queue, notification(b, b.bundles().subList(0, 3)));
    send(
        queue,
        "{\"Records\":["
            + record("ObjectRemoved:Delete", "landing/h03v03/" + b.bundles().get(3).fileName(), 0)
            + ","
            + record("ObjectCreated:Put", "elsewhere/" + b.bundles().get(3).fileName(), 5)
            + ","
            + record("ObjectCreated:Put", "landing/h03v03/README.txt", 5)
            + "]}");
    send(queue, notification(a, a.bundles().subList(3, 4)));
    String sns =
        dev.scenelift.json.Json.mapper()
            .writeValueAsString(Map.of("Type", "Notification", "Message", notification(c, c.bundles())));
    send(queue, sns);

    String out = run(queue, Instant.parse("2026-11-24T07:00:00Z"));

    assertThat(out).contains("2 scene(s) of h03v03").contains("waiting for bundles of 1 scene(s): {" + b.id() + "=[QA]}");
    String runId = out.strip().lines().filter(l -> l.startsWith("h03v03-")).findFirst().orElseThrow();
    RunManifest manifest = new ManifestStore(s3).read(api.config().layout().manifest(runId));
    assertThat(manifest.scenes()).extracting(SceneEntry::id).containsExactly(a.id(), c.id());
    assertThat(manifest.scenes().get(0).bundles())
        .extracting(BundleSource::uri)
        .contains(URI.create("s3://scenelift-landing/landing/h03v03/" + a.id() + "_SR.tar"));
    assertThat(manifest.scenes().get(0).knownBytes()).isEqualTo(a.knownBytes());
    assertThat(manifest.source()).isEqualTo("s3://scenelift-landing/landing/");
    assertThat(api.requests("submitjob")).hasSize(4);
    assertThat(ElasticMq.drain(sqs, queue, Duration.ofMillis(100))).isEmpty();
  }

  @Test
  void messageThatIsNotANotificationEndsInTheDeadLetterQueue() throws Exception {
    URI dlq = mq.createQueue(sqs, "landing-dlq");
    URI queue = mq.createQueueWithDeadLetter(sqs, "landing-redrive", dlq, 1);
    send(queue, "this is not json");
    send(queue, "{\"hello\":\"world\"}");
    run(queue, Instant.parse("2026-11-24T07:00:00Z"));
    Thread.sleep(1500);
    run(queue, Instant.parse("2026-11-24T07:00:00Z"));
    assertThat(ElasticMq.drain(sqs, dlq, Duration.ofSeconds(3)))
        .extracting(m -> m.body())
        .containsExactlyInAnyOrder("this is not json", "{\"hello\":\"world\"}");
    assertThat(api.totalRequests()).isZero();
  }

  private void send(URI queue, String body) {
    sqs.sendMessage(b -> b.queueUrl(queue.toString()).messageBody(body));
  }
}
