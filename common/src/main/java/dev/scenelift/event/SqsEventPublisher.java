package dev.scenelift.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import dev.scenelift.json.Json;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Sends events to an SQS queue in batches of up to {@value #BATCH} (one {@code SendMessageBatch} each). A batch goes
 * out when it is full, on {@link #flush()} and on {@link #close()}. Entries SQS rejects and calls that fail are retried
 * with back-off ({@link Retry}); what still fails is logged and dropped, never thrown. Thread-safe: a job's workers
 * share one publisher.
 *
 * <p>Each message body is the event's JSON; the attributes {@code type} and {@code runId} repeat it for filtering.
 */
public final class SqsEventPublisher implements EventPublisher {
  /** SQS's limit of entries per SendMessageBatch. */
  public static final int BATCH = 10;

  private static final Logger LOG = LoggerFactory.getLogger(SqsEventPublisher.class);
  private static final ObjectWriter WRITER = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

  /**
   * How failed sends are retried.
   *
   * @param attempts total attempts per batch, at least 1
   * @param delay first back-off delay
   * @param maxDelay longest back-off delay
   */
  public record Retry(int attempts, Duration delay, Duration maxDelay) {
    public Retry {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
      }
    }

    /** 4 attempts, 200 ms doubling up to 2 s. */
    public static Retry defaults() {
      return new Retry(4, Duration.ofMillis(200), Duration.ofSeconds(2));
    }
  }

  private final java.util.function.Supplier<SqsClient> clients;
  private SqsClient sqs;
  private final boolean ownsClient;
  private final URI queueUrl;
  private final RetryPolicy<List<SendMessageBatchRequestEntry>> policy;
  private final List<SceneEvent> buffer = new ArrayList<>(BATCH);
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private long nextId;
  private boolean closed;

  /**
   * @param sqs the client; closed by {@link #close()} only when {@code ownsClient}
   * @param queueUrl the queue's URL
   */
  public SqsEventPublisher(SqsClient sqs, boolean ownsClient, URI queueUrl, Retry retry) {
    this(() -> sqs, ownsClient, queueUrl, retry);
    this.sqs = java.util.Objects.requireNonNull(sqs, "sqs");
  }

  /**
   * A publisher that makes its client when it first sends (a job's first event comes when its first scene ends, so
   * building an SQS client is off the job's start path) and closes it on {@link #close()}.
   *
   * @param clients makes the client for {@code queueUrl}, called at most once
   */
  public SqsEventPublisher(java.util.function.Supplier<SqsClient> clients, URI queueUrl, Retry retry) {
    this(clients, true, queueUrl, retry);
  }

  private SqsEventPublisher(
      java.util.function.Supplier<SqsClient> clients, boolean ownsClient, URI queueUrl, Retry retry) {
    this.clients = clients;
    this.ownsClient = ownsClient;
    this.queueUrl = queueUrl;
    this.policy =
        RetryPolicy.<List<SendMessageBatchRequestEntry>>builder()
            .handle(SdkException.class)
            .handleResultIf(rejected -> !rejected.isEmpty())
            .withBackoff(retry.delay(), retry.maxDelay())
            .withMaxAttempts(retry.attempts())
            .build();
  }

  @Override
  public void publish(SceneEvent event) {
    List<SceneEvent> full = null;
    synchronized (this) {
      if (closed) {
        LOG.warn("event publisher is closed; dropped {} for {}", event.type(), event.scene().orElse(null));
        dropped.incrementAndGet();
        return;
      }
      buffer.add(event);
      if (buffer.size() >= BATCH) {
        full = drain();
      }
    }
    if (full != null) {
      send(full);
    }
  }

  @Override
  public void flush() {
    List<SceneEvent> pending;
    synchronized (this) {
      pending = drain();
    }
    if (!pending.isEmpty()) {
      send(pending);
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    flush();
    synchronized (this) {
      closed = true;
    }
    SqsClient made;
    synchronized (this) {
      made = sqs;
    }
    if (ownsClient && made != null) {
      made.close();
    }
  }

  /** Events SQS accepted so far. */
  public long sent() {
    return sent.get();
  }

  /** Events given up on after every retry. */
  public long dropped() {
    return dropped.get();
  }

  private synchronized SqsClient client() {
    if (sqs == null) {
      sqs = java.util.Objects.requireNonNull(clients.get(), "sqs");
    }
    return sqs;
  }

  private List<SceneEvent> drain() {
    List<SceneEvent> out = List.copyOf(buffer);
    buffer.clear();
    return out;
  }

  private void send(List<SceneEvent> events) {
    List<SendMessageBatchRequestEntry> pending = new ArrayList<>();
    synchronized (this) {
      for (SceneEvent e : events) {
        pending.add(entry(Long.toString(nextId++), e));
      }
    }
    String[] lastError = {"unknown error"};
    List<SendMessageBatchRequestEntry> rejected;
    try {
      rejected =
          Failsafe.with(policy)
              .get(
                  () -> {
                    List<SendMessageBatchRequestEntry> still = sendOnce(pending, lastError);
                    pending.retainAll(still);
                    return still;
                  });
    } catch (RuntimeException e) {
      lastError[0] = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
      rejected = pending;
    }
    sent.addAndGet(events.size() - rejected.size());
    if (!rejected.isEmpty()) {
      dropped.addAndGet(rejected.size());
      LOG.warn(
          "could not publish {} event(s) to {} after retries, dropped: {}",
          rejected.size(),
          queueUrl,
          lastError[0]);
    }
  }

  /** One SendMessageBatch; returns the entries SQS rejected. */
  private List<SendMessageBatchRequestEntry> sendOnce(List<SendMessageBatchRequestEntry> entries, String[] lastError) {
    try {
      SendMessageBatchResponse response =
          client().sendMessageBatch(b -> b.queueUrl(queueUrl.toString()).entries(entries));
      if (response.failed().isEmpty()) {
        return List.of();
      }
      lastError[0] = response.failed().get(0).code() + ": " + response.failed().get(0).message();
      Set<String> failed = response.failed().stream().map(f -> f.id()).collect(Collectors.toSet());
      return entries.stream().filter(e -> failed.contains(e.id())).toList();
    } catch (SdkException e) {
      lastError[0] = e.getMessage();
      LOG.debug("SendMessageBatch to {} failed, will retry: {}", queueUrl, e.getMessage());
      throw e;
    }
  }

  private static SendMessageBatchRequestEntry entry(String id, SceneEvent event) {
    String body;
    try {
      body = WRITER.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write event " + event, e);
    }
    return SendMessageBatchRequestEntry.builder()
        .id(id)
        .messageBody(body)
        .messageAttributes(
            java.util.Map.of(
                "type", stringAttribute(event.type().wireName()),
                "runId", stringAttribute(event.runId())))
        .build();
  }

  private static MessageAttributeValue stringAttribute(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }
}
