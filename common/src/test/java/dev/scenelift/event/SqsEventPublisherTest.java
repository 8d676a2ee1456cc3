package dev.scenelift.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scenelift.job.JobConfig;
import dev.scenelift.job.JobEnv;
import dev.scenelift.json.Json;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import dev.scenelift.testing.ElasticMq;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;

class SqsEventPublisherTest {
  private static final SceneId SCENE = SceneId.parse("LC08_CU_003003_20130414_20170713_C01_V01");
  private static final SqsEventPublisher.Retry FAST =
      new SqsEventPublisher.Retry(3, Duration.ofMillis(10), Duration.ofMillis(20));

  private static ElasticMq mq;

  @BeforeAll
  static void start() {
    mq = ElasticMq.start();
  }

  @AfterAll
  static void stop() {
    mq.close();
  }

  @Test
  void sendsOneJsonEventPerSceneAndStage() throws Exception {
    try (SqsClient sqs = mq.client()) {
      URI queue = mq.createQueue(sqs, "events-json");
      JobConfig config = config(queue);
      try (SqsEventPublisher events = new SqsEventPublisher(sqs, false, queue, FAST)) {
        events.publish(SceneEvent.succeeded(config, Stage.FETCH, SCENE, 575_000_000L, Duration.ofMillis(28_500)));
        events.publish(SceneEvent.failed(config, Stage.FILTER, SCENE, "QA band unreadable", Duration.ofSeconds(2)));
        events.publish(SceneEvent.indexed(config, 12_345, Duration.ofSeconds(40)));
      }
      List<Message> got = ElasticMq.drain(sqs, queue, Duration.ofSeconds(5));
      assertThat(got).hasSize(3);
      Map<String, JsonNode> byType = new HashMap<>();
      for (Message m : got) {
        JsonNode n = Json.mapper().readTree(m.body());
        byType.put(n.get("type").asText(), n);
        assertThat(m.messageAttributes().get("runId").stringValue()).isEqualTo("h03v03-20261124t0600-abcd");
      }
      JsonNode fetched = byType.get("scene.fetched");
      assertThat(fetched.get("runId").asText()).isEqualTo("h03v03-20261124t0600-abcd");
      assertThat(fetched.get("scene").asText()).isEqualTo(SCENE.toString());
      assertThat(fetched.get("stage").asText()).isEqualTo("FETCH");
      assertThat(fetched.get("attempt").asInt()).isEqualTo(2);
      assertThat(fetched.get("bytes").asLong()).isEqualTo(575_000_000L);
      assertThat(fetched.get("seconds").asDouble()).isEqualTo(28.5);
      assertThat(byType.get("scene.failed").get("error").asText()).isEqualTo("QA band unreadable");
      assertThat(byType.get("run.indexed").get("scene").isNull()).isTrue();
      SceneEvent back = Json.read(got.get(0).body().getBytes(java.nio.charset.StandardCharsets.UTF_8), SceneEvent.class);
      assertThat(back.runId()).isEqualTo("h03v03-20261124t0600-abcd");
    }
  }

  @Test
  void batchesUpToTenEventsPerCall() {
    AtomicInteger batches = new AtomicInteger();
    AtomicInteger largest = new AtomicInteger();
    ExecutionInterceptor counter =
        new ExecutionInterceptor() {
          @Override
          public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof SendMessageBatchRequest r) {
              batches.incrementAndGet();
              largest.accumulateAndGet(r.entries().size(), Math::max);
            }
          }
        };
    try (SqsClient sqs = mq.client(counter)) {
      URI queue = mq.createQueue(sqs, "events-batched");
      JobConfig config = config(queue);
      SqsEventPublisher events = new SqsEventPublisher(sqs, false, queue, FAST);
      for (int i = 0; i < 25; i++) {
        events.publish(SceneEvent.succeeded(config, Stage.COG, SCENE, i, Duration.ofSeconds(1)));
      }
      assertThat(batches.get()).isEqualTo(2);
      events.close();
      events.close();
      assertThat(batches.get()).isEqualTo(3);
      assertThat(largest.get()).isEqualTo(10);
      assertThat(events.sent()).isEqualTo(25);
      assertThat(ElasticMq.drain(sqs, queue, Duration.ofSeconds(5))).hasSize(25);
    }
  }

  @Test
  void failedPublishIsRetriedThenDroppedWithoutThrowing() {
    AtomicInteger calls = new AtomicInteger();
    ExecutionInterceptor counter =
        new ExecutionInterceptor() {
          @Override
          public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof SendMessageBatchRequest) {
              calls.incrementAndGet();
            }
          }
        };
    try (SqsClient sqs = mq.client(counter)) {
      URI missing = URI.create(mq.endpoint() + "/000000000000/no-such-queue");
      SqsEventPublisher events = new SqsEventPublisher(sqs, false, missing, FAST);
      events.publish(SceneEvent.succeeded(config(missing), Stage.FETCH, SCENE, 1, Duration.ZERO));
      events.close();
      assertThat(events.sent()).isZero();
      assertThat(events.dropped()).isEqualTo(1);
      assertThat(calls.get()).isEqualTo(3);
    }
  }

  @Test
  void jobWithoutEventsQueueGetsTheNoOpPublisher() {
    JobConfig config =
        JobConfig.fromEnv(
            Map.of(JobEnv.RUN_ID, "r1", JobEnv.MANIFEST, "s3://scenelift-runs/runs/r1/manifest.json"));
    try (EventPublisher events = EventPublishers.forJob(config)) {
      assertThat(events).isSameAs(EventPublisher.none());
      events.publish(SceneEvent.succeeded(config, Stage.FETCH, SCENE, 1, Duration.ZERO));
    }
  }

  @Test
  void jobWithEventsQueuePublishesToItsEndpoint() {
    try (SqsClient sqs = mq.client()) {
      URI queue = mq.createQueue(sqs, "events-from-env");
      JobConfig config = config(queue);
      try (EventPublisher events = EventPublishers.forJob(config)) {
        assertThat(events).isInstanceOf(SqsEventPublisher.class);
        events.publish(SceneEvent.succeeded(config, Stage.FETCH, SCENE, 1, Duration.ZERO));
      }
      assertThat(ElasticMq.drain(sqs, queue, Duration.ofSeconds(5))).hasSize(1);
    }
  }

  private static JobConfig config(URI queue) {
    return JobConfig.fromEnv(
        Map.of(
            JobEnv.RUN_ID, "h03v03-20261124t0600-abcd",
            JobEnv.MANIFEST, "s3://scenelift-runs/runs/h03v03-20261124t0600-abcd/manifest.json",
            JobEnv.ATTEMPT, "2",
            JobEnv.EVENTS_QUEUE, queue.toString(),
            JobEnv.S3_ENDPOINT, "http://127.0.0.1:1",
            JobEnv.S3_ACCESS_KEY_ID, ElasticMq.ACCESS_KEY,
            JobEnv.S3_SECRET_ACCESS_KEY, ElasticMq.SECRET_KEY));
  }
}
