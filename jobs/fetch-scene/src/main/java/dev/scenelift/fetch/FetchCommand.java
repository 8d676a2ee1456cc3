package dev.scenelift.fetch;

import dev.scenelift.bundle.BundleLimits;
import dev.scenelift.bundle.BundleStreamer;
import dev.scenelift.bundle.FileStreamer;
import dev.scenelift.bundle.ServerSideCopier;
import dev.scenelift.manifest.CopyMode;
import dev.scenelift.job.ExitCodes;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.source.UriBundleOpener;
import dev.scenelift.marker.MarkerStore;
import dev.scenelift.store.StreamingUploader;
import dev.scenelift.store.UploadTuning;
import dev.scenelift.task.ArrayChildTask;
import dev.scenelift.task.TaskStartException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;

/** Reads the configuration once, builds the clients and the upload pool, and runs one array child's scenes. */
@Command(
    name = "fetch-scene",
    mixinStandardHelpOptions = true,
    versionProvider = ToolVersion.class,
    sortOptions = false,
    description = {
      "Streams the bundles of this array task's scenes from their source (file:, http(s):, s3:) through tar/gzip",
      "straight into S3, md5-verified, one object per file, and single files (Collection 2 COGs) one by one,",
      "verified by size, ETag and file:checksum (or copied inside S3 when the manifest's copy-mode is server-side);",
      "writes each scene's completion marker last.",
      "Configuration comes from the environment (SCENELIFT_RUN_ID, SCENELIFT_MANIFEST, AWS_BATCH_JOB_ARRAY_INDEX, ...)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every scene ended: fetched, already done, or failed with a failure record and one line on stderr",
      "2:bad arguments or configuration",
      "3:infrastructure error (manifest or store unreachable, a failure record not written); retryable"
    })
final class FetchCommand implements Callable<Integer> {
  @Option(
      names = "--force",
      description = "Fetch scenes again even when they already have a completion marker (default: ${DEFAULT-VALUE},"
          + " or SCENELIFT_FORCE).")
  boolean force;

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  FetchCommand(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    UploadTuning tuning = UploadTuning.defaults();
    ExecutorService uploads = Executors.newFixedThreadPool(tuning.buffers(), daemonThreads("upload"));
    try (ArrayChildTask task = ArrayChildTask.open(env)) {
      RunManifest manifest = task.manifest();
      UriBundleOpener opener =
          new UriBundleOpener(
              () ->
                  HttpClient.newBuilder()
                      .connectTimeout(Duration.ofSeconds(30))
                      .followRedirects(HttpClient.Redirect.NORMAL)
                      .build(),
              task.s3(),
              task.config().s3().requesterPays(),
              Duration.ofMinutes(2));
      StreamingUploader uploader = new StreamingUploader(task.s3(), uploads, tuning);
      BundleStreamer streamer =
          new BundleStreamer(opener, uploader, manifest.layout(), BundleLimits.defaults());
      FileStreamer files = new FileStreamer(opener, uploader, manifest.layout(), BundleLimits.defaults());
      ServerSideCopier copier =
          new ServerSideCopier(task.s3(), manifest.layout(), task.config().s3().requesterPays());
      CopyMode copyMode;
      try {
        copyMode = CopyMode.of(manifest);
      } catch (IllegalArgumentException e) {
        err.println("fetch-scene: run manifest option " + CopyMode.OPTION + ": " + e.getMessage());
        return ExitCodes.USAGE;
      }
      FetchRun run =
          new FetchRun(manifest.runId(), manifest.source(), task.config().attempt(), force || task.config().force());
      FetchScenePipeline pipeline =
          new FetchScenePipeline(
              new MarkerStore(task.s3(), manifest.layout()).publishingTo(task.events()),
              new SceneFetcher(streamer, files, copier, copyMode, task.config().s3().requesterPays(),
                  Clock.systemUTC()),
              new SceneCleanup(task.s3(), manifest.layout()),
              run,
              Clock.systemUTC(),
              out,
              err);
      FetchSummary summary = pipeline.run(task.scenes());
      out.println(summary.line());
      return ExitCodes.afterScenes(summary.unrecorded());
    } catch (TaskStartException e) {
      err.println("fetch-scene: " + e.getMessage());
      return e.exitCode();
    } catch (SdkException e) {
      err.println("fetch-scene: S3 is unreachable: " + e.getMessage());
      return ExitCodes.INFRASTRUCTURE;
    } finally {
      uploads.shutdownNow();
    }
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
