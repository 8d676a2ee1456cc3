package dev.scenelift.submit;

import dev.scenelift.batch.JobState;
import dev.scenelift.index.IndexPages;
import dev.scenelift.json.Json;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.plan.RunPlan;
import dev.scenelift.scene.Stage;
import dev.scenelift.store.S3Location;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run on the embedded default: starts the store on loopback for the run, runs the manifest to its end ({@link
 * EmbeddedLauncher}), prints the summary with the index pages to open, and stops the store.
 */
final class EmbeddedRun {
  static final String BUCKET = EmbeddedEnvironment.BUCKET;

  private final SubmitContext context;
  private final Path dataDir;
  private final int port;
  private final boolean json;
  private final EmbeddedLauncher launcher;

  EmbeddedRun(
      SubmitContext context, Path dataDir, int port, boolean json, boolean force, Map<String, String> jobEnvironment) {
    this.context = context;
    this.dataDir = dataDir;
    this.port = port;
    this.json = json;
    this.launcher = new EmbeddedLauncher(force, jobEnvironment, context.pollInterval());
  }

  /** Runs the plan; returns the exit code. Failed scenes are listed on {@code err}, one line each. */
  int run(RunPlan plan, PrintWriter out, PrintWriter err) throws Exception {
    RunManifest manifest = plan.manifest();
    Instant started = context.clock().instant();
    try (EmbeddedEnvironment env = EmbeddedEnvironment.open(context, dataDir, port)) {
      err.println(
          "run " + manifest.runId() + ": " + manifest.scenes().size() + " scenes, store " + env.endpoint() + " ("
              + env.storeDir() + ")");
      plan.notes().forEach(n -> err.println("note: " + n));
      err.flush();
      Map<Stage, JobState> finalStates;
      try (ProgressDisplay display = display(err)) {
        finalStates = launcher.runToEnd(manifest, env, display);
      }
      Duration elapsed = Duration.between(started, context.clock().instant());
      RunSummary summary =
          new SummaryCollector(env.s3(), manifest.layout(), context.executor())
              .collect(manifest, finalStates, elapsed, env.storeDir(), env.logs(manifest.runId()).toString());
      summary.failures().forEach(f -> err.println(f.line()));
      err.flush();
      if (json) {
        out.print(Json.write(summary) + System.lineSeparator());
      } else {
        out.print(summary.text());
        List<Path> pages = pages(manifest, env.storeDir());
        pages.forEach(p -> out.println("  open:     " + p.toUri()));
        if (!pages.isEmpty()) {
          out.println("  or over HTTP: submit-run serve --tile " + manifest.tile());
        }
      }
      out.flush();
      return summary.exitCode();
    }
  }

  /**
   * Each collection's thumbindex.html and AAlist.html that exist (full tile, cloud-free, COG research set), as files
   * of the store: their links are relative, so they open in a browser offline, after the store has stopped.
   */
  static List<Path> pages(RunManifest manifest, Path storeDir) {
    return IndexPages.of(manifest.layout(), manifest.tile()).stream()
        .map(loc -> file(storeDir, loc))
        .filter(Files::isRegularFile)
        .toList();
  }

  private static Path file(Path storeDir, S3Location loc) {
    return storeDir.resolve(loc.bucket()).resolve(loc.key());
  }

  private ProgressDisplay display(PrintWriter err) {
    if (context.interactive() && !json) {
      err.flush();
      return new ProgressDisplay.Bars(System.err); // interactive: stderr is the terminal the bars redraw on
    }
    return new ProgressDisplay.Lines(err);
  }
}
