package dev.scenelift.runs;

import dev.scenelift.batch.BatchEngine;
import dev.scenelift.batch.aws.AwsRunConfig;
import dev.scenelift.store.KeyLayout;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What status, watch, retry and listen work with, whatever the engine: the engine (recording every accepted job in
 * {@code runs/<run-id>/jobs.json}), the S3 client, the layout whose {@code runs/} holds the runs, and the events queue.
 * The environment owns all of them; closing it closes them.
 */
public interface RunEnvironment extends AutoCloseable {
  /** The engine; submissions through it are recorded and idempotent per job name ({@link RecordingEngine}). */
  BatchEngine engine();

  S3Client s3();

  /** Where runs are: {@code layout().manifest(runId)}; also the layout new runs (retry, listen) are planned with. */
  KeyLayout layout();

  Optional<URI> eventsQueue();

  /** A client for {@link #eventsQueue()}, present exactly when it is. */
  Optional<SqsClient> sqs();

  /**
   * Variables every job submitted here needs to reach the services this environment reaches (the S3 and SQS endpoint
   * overrides of an AWS run); empty when the jobs find them on their own.
   */
  default Map<String, String> jobEnvironment() {
    return Map.of();
  }

  @Override
  void close();

  /**
   * Opens the environment for a resolved configuration: {@code submit-run} opens AWS when a job queue is configured,
   * else the embedded store and engine on its data directory.
   */
  @FunctionalInterface
  interface Opener {
    RunEnvironment open(AwsRunConfig config);
  }

  /**
   * An environment of the given parts; {@code engine} is wrapped in a {@link RecordingEngine}. Closing closes the
   * engine, then {@code owned} in order.
   */
  static RunEnvironment of(
      BatchEngine engine,
      S3Client s3,
      KeyLayout layout,
      Optional<URI> eventsQueue,
      Optional<SqsClient> sqs,
      List<AutoCloseable> owned) {
    return of(engine, s3, layout, eventsQueue, sqs, Map.of(), owned);
  }

  /** As {@link #of(BatchEngine, S3Client, KeyLayout, Optional, Optional, List)}, with the jobs' extra variables. */
  static RunEnvironment of(
      BatchEngine engine,
      S3Client s3,
      KeyLayout layout,
      Optional<URI> eventsQueue,
      Optional<SqsClient> sqs,
      Map<String, String> jobEnvironment,
      List<AutoCloseable> owned) {
    Map<String, String> jobVariables = Map.copyOf(jobEnvironment);
    BatchEngine recording = new RecordingEngine(engine, new RunJobsStore(s3, layout), java.time.Clock.systemUTC());
    return new RunEnvironment() {
      private boolean closed;

      @Override
      public BatchEngine engine() {
        return recording;
      }

      @Override
      public S3Client s3() {
        return s3;
      }

      @Override
      public KeyLayout layout() {
        return layout;
      }

      @Override
      public Optional<URI> eventsQueue() {
        return eventsQueue;
      }

      @Override
      public Optional<SqsClient> sqs() {
        return sqs;
      }

      @Override
      public Map<String, String> jobEnvironment() {
        return jobVariables;
      }

      @Override
      public synchronized void close() {
        if (closed) {
          return;
        }
        closed = true;
        recording.close();
        for (AutoCloseable c : owned) {
          try {
            c.close();
          } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(RunEnvironment.class).warn("closing {}: {}", c, e.toString());
          }
        }
      }
    };
  }
}
