package dev.scenelift.fetch;

import dev.scenelift.manifest.MalformedManifestException;
import dev.scenelift.event.EventPublisher;
import dev.scenelift.event.EventPublishers;
import dev.scenelift.bundle.BundleLimits;
import dev.scenelift.bundle.BundleStreamer;
import dev.scenelift.job.ExitCodes;
import dev.scenelift.job.JobConfig;
import dev.scenelift.job.JobConfigException;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.source.UriBundleOpener;
import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.marker.MarkerStore;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.StreamingUploader;
import dev.scenelift.store.UploadTuning;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/** Reads the configuration once, builds the clients and the upload pool, and runs one array child's scenes. */
@Command(
    name = "fetch-scene",
    mixinStandardHelpOptions = true,
    versionProvider = ToolVersion.class,
    sortOptions = false,
    description = {
      "Streams the bundles of this array task's scenes from their source (file:, http(s):, s3:) through tar/gzip",
      "straight into S3, md5-verified, one object per file; writes each scene's completion marker last.",
      "Configuration comes from the environment (SCENELIFT_RUN_ID, SCENELIFT_MANIFEST, AWS_BATCH_JOB_ARRAY_INDEX, ...)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every scene fetched or already done",
      "1:at least one scene failed (each has a failure record)",
      "2:bad arguments or configuration",
      "3:infrastructure error (manifest or store unreachable); retryable"
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
    JobConfig config;
    try {
      config = JobConfig.fromEnv(env);
    } catch (JobConfigException e) {
      err.println("fetch-scene: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    UploadTuning tuning = UploadTuning.defaults();
    ExecutorService uploads = Executors.newFixedThreadPool(tuning.buffers(), daemonThreads("upload"));
    try (S3Client s3 = S3ClientFactory.create(config.s3());
        EventPublisher events = EventPublishers.forJob(config)) {
      RunManifest manifest;
      List<SceneEntry> scenes;
      try {
        manifest = new ManifestStore(s3).read(config.manifest());
      } catch (SdkException | MalformedManifestException e) {
        err.println("fetch-scene: cannot read the run manifest " + config.manifest() + ": " + e.getMessage());
        return ExitCodes.INFRASTRUCTURE;
      }
      try {
        scenes = manifest.scenesOf(config.arrayIndex());
      } catch (IllegalArgumentException e) {
        err.println("fetch-scene: " + e.getMessage());
        return ExitCodes.USAGE;
      }
      HttpClient http =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(30))
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build();
      UriBundleOpener opener =
          new UriBundleOpener(http, s3, config.s3().requesterPays(), Duration.ofMinutes(2));
      StreamingUploader uploader = new StreamingUploader(s3, uploads, tuning);
      BundleStreamer streamer =
          new BundleStreamer(opener, uploader, manifest.layout(), BundleLimits.defaults());
      FetchRun run =
          new FetchRun(manifest.runId(), manifest.source(), config.attempt(), force || config.force());
      FetchScenePipeline pipeline =
          new FetchScenePipeline(
              new MarkerStore(s3, manifest.layout()).publishingTo(events),
              new SceneFetcher(streamer, Clock.systemUTC()),
              new SceneCleanup(s3, manifest.layout()),
              run,
              Clock.systemUTC(),
              out,
              err);
      FetchSummary summary = pipeline.run(scenes);
      out.println(summary.line());
      return summary.failed() > 0 ? ExitCodes.SCENES_FAILED : ExitCodes.OK;
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
