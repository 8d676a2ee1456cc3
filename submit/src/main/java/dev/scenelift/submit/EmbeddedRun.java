package dev.scenelift.submit;

import dev.scenelift.batch.JobState;
import dev.scenelift.engine.ChildLogs;
import dev.scenelift.engine.LocalBatchEngine;
import dev.scenelift.job.JobEnv;
import dev.scenelift.json.Json;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.plan.Buckets;
import dev.scenelift.plan.JobRequests;
import dev.scenelift.plan.RunPlan;
import dev.scenelift.plan.RunSubmitter;
import dev.scenelift.scene.Stage;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Location;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A run on the embedded default: starts the store on loopback for the run, writes the manifest, runs the job graph on
 * the embedded engine, shows progress, prints the summary, and stops the store.
 */
final class EmbeddedRun {
  /** The one bucket of the embedded default. */
  static final String BUCKET = "scenelift";

  private final SubmitContext context;
  private final Path dataDir;
  private final Integer requestedPort;
  private final boolean json;
  private final boolean force;
  private final boolean requesterPays;

  EmbeddedRun(
      SubmitContext context, Path dataDir, Integer requestedPort, boolean json, boolean force, boolean requesterPays) {
    this.context = context;
    this.dataDir = dataDir;
    this.requestedPort = requestedPort;
    this.json = json;
    this.force = force;
    this.requesterPays = requesterPays;
  }

  /** Runs the plan; returns the exit code. Failed scenes are listed on {@code err}, one line each. */
  int run(RunPlan plan, PrintWriter out, PrintWriter err) throws Exception {
    RunManifest manifest = plan.manifest();
    Path storeDir = dataDir.resolve("store");
    Path logs = dataDir.resolve("logs").resolve(manifest.runId());
    Instant started = context.clock().instant();
    try (EmbeddedS3Store store = EmbeddedS3Store.onDisk(storeDir, port());
        S3Client s3 = S3ClientFactory.create(store.settings())) {
      Buckets.ensure(s3, BUCKET);
      S3Location manifestLocation = new ManifestStore(s3).write(manifest);
      err.println(
          "run " + manifest.runId() + ": " + manifest.scenes().size() + " scenes, store " + store.endpoint() + " ("
              + storeDir + ")");
      err.flush();
      Map<Stage, JobState> finalStates = Map.of();
      if (!plan.jobs().isEmpty()) {
        Map<String, String> engineEnv = new HashMap<>(JobRequests.storeEnvironment(store.settings()));
        if (requesterPays) {
          engineEnv.put(JobEnv.REQUEST_PAYER_SOURCE, "true");
        }
        JobRequests requests = new JobRequests(manifest, manifestLocation, force, engineEnv);
        try (LocalBatchEngine engine =
                new LocalBatchEngine(
                    context.executor(), context.entryPoints().get(), context.environment(), ChildLogs.directory(logs));
            ProgressDisplay display = display(err)) {
          Map<Stage, String> ids = new RunSubmitter(engine).submit(plan.jobs(), requests);
          finalStates = new RunMonitor(engine, display, context.pollInterval()).awaitEnd(plan.jobs(), ids);
        }
      }
      Duration elapsed = Duration.between(started, context.clock().instant());
      RunSummary summary =
          new SummaryCollector(s3, manifest.layout(), context.executor())
              .collect(manifest, finalStates, elapsed, storeDir, logs.toString());
      summary.failures().forEach(f -> err.println(f.line()));
      err.flush();
      out.print(json ? Json.write(summary) + System.lineSeparator() : summary.text());
      out.flush();
      return summary.exitCode();
    }
  }

  private ProgressDisplay display(PrintWriter err) {
    if (context.interactive() && !json) {
      err.flush();
      return new ProgressDisplay.Bars(System.err); // interactive: stderr is the terminal the bars redraw on
    }
    return new ProgressDisplay.Lines(err);
  }

  /** The port asked for; else the documented default when it is free; else any free port. */
  private int port() {
    if (requestedPort != null) {
      return requestedPort;
    }
    try (ServerSocket probe = new ServerSocket(StoreOptions.DEFAULT_PORT, 1, InetAddress.getLoopbackAddress())) {
      return StoreOptions.DEFAULT_PORT;
    } catch (IOException e) {
      return 0;
    }
  }
}
