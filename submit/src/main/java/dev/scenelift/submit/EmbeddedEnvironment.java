package dev.scenelift.submit;

import dev.scenelift.batch.BatchEngine;
import dev.scenelift.engine.LocalBatchEngine;
import dev.scenelift.plan.Buckets;
import dev.scenelift.runs.RunEnvironment;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Settings;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The run environment of the embedded default: the store started on {@code <data-dir>/store} on loopback, the
 * {@code scenelift} bucket, and the embedded engine (jobs recorded in {@code runs/<run-id>/jobs.json} like on AWS).
 * Closing stops the engine, then the client, then the store.
 */
final class EmbeddedEnvironment implements RunEnvironment {
  /** The one bucket of the embedded default. */
  static final String BUCKET = "scenelift";

  private final EmbeddedS3Store store;
  private final Path dataDir;
  private final RunLogs logs;
  private final RunEnvironment env;

  private EmbeddedEnvironment(EmbeddedS3Store store, Path dataDir, RunLogs logs, RunEnvironment env) {
    this.store = store;
    this.dataDir = dataDir;
    this.logs = logs;
    this.env = env;
  }

  /**
   * Starts the store on {@code <dataDir>/store} at {@code port} (0: any free port) and the engine.
   *
   * @throws IllegalStateException when the store cannot start (e.g. the port is taken)
   */
  static EmbeddedEnvironment open(SubmitContext context, Path dataDir, int port) {
    EmbeddedS3Store store;
    try {
      store = EmbeddedS3Store.onDisk(dataDir.resolve("store"), port);
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot start the embedded store on " + dataDir.resolve("store") + " port " + port + ": " + e.getMessage(),
          e);
    }
    S3Client s3 = S3ClientFactory.create(store.settings());
    try {
      Buckets.ensure(s3, BUCKET);
    } catch (RuntimeException e) {
      s3.close();
      closeQuietly(store);
      throw e;
    }
    RunLogs logs = new RunLogs(dataDir.resolve("logs"));
    BatchEngine engine =
        new LocalBatchEngine(context.executor(), context.entryPoints().get(), context.environment(), logs);
    RunEnvironment env =
        RunEnvironment.of(engine, s3, KeyLayout.inBucket(BUCKET), Optional.empty(), Optional.empty(), List.of(s3, store));
    return new EmbeddedEnvironment(store, dataDir, logs, env);
  }

  /** The store's client settings: what the jobs are pointed at. */
  S3Settings storeSettings() {
    return store.settings();
  }

  URI endpoint() {
    return store.endpoint();
  }

  Path storeDir() {
    return dataDir.resolve("store");
  }

  /** Where the logs of a run go. */
  Path logs(String runId) {
    return logs.of(runId);
  }

  @Override
  public BatchEngine engine() {
    return env.engine();
  }

  @Override
  public S3Client s3() {
    return env.s3();
  }

  @Override
  public KeyLayout layout() {
    return env.layout();
  }

  @Override
  public Optional<URI> eventsQueue() {
    return env.eventsQueue();
  }

  @Override
  public Optional<SqsClient> sqs() {
    return env.sqs();
  }

  @Override
  public void close() {
    env.close();
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // already failing; the first error is the one reported
    }
  }
}
