package dev.scenelift.cog;

import dev.scenelift.store.StreamingUploader;
import dev.scenelift.store.UploadTuning;
import dev.scenelift.collection.CogSelection;
import dev.scenelift.gdal.Gdal;
import dev.scenelift.job.ExitCodes;
import dev.scenelift.job.JobConfig;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.scene.Bundle;
import dev.scenelift.marker.MarkerStore;
import dev.scenelift.task.ArrayChildTask;
import dev.scenelift.task.TaskStartException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.gdal.gdal.gdal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/** The job: COGs for the scenes of this array child. */
@Command(
    name = "cog-convert",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Turns the band GeoTIFFs of this array child's scenes into validated Cloud Optimized GeoTIFFs",
      "(512x512 blocks, internal overviews, AVERAGE for measured bands, NEAREST for QA bands),",
      "writes them to <cog>/<tile>/<scene>/<bundle>/<file>.tif with the scene XML, and a completion marker last.",
      "By default only the COG research set's scenes (cloud-filter's verdict in cloud.json) are converted.",
      "Options not given default to the run manifest's options of the same name."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every scene ended: converted, skipped, already done, or failed with a failure record and one line on stderr",
      "2:bad arguments or configuration",
      "3:S3 or the run manifest unreachable, or a failure record not written (retryable)"
    })
final class CogConvertCommand implements Callable<Integer> {
  /** Part uploads in flight at once, across the bands converting in parallel. */
  private static final int UPLOAD_THREADS = 4;

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  @Option(
      names = "--bundles",
      split = ",",
      paramLabel = "BUNDLE",
      description =
          "Bundles to convert (SR, TA, BT, QA, ST, TOA), comma-separated. Default: the manifest's 'bundles', else"
              + " every bundle the scene has.")
  private List<String> bundles;

  @Option(
      names = "--profile",
      completionCandidates = CogProfile.Names.class,
      description = "Compression profile: ${COMPLETION-CANDIDATES}. Default: the manifest's 'profile', else deflate.")
  private String profile;

  @Option(
      names = "--level",
      description =
          "Compression level (deflate 1-12, default 6; zstd 1-22, default 9; lzw has none). Default: the manifest's"
              + " 'level', else the profile's.")
  private Integer level;

  @Option(
      names = "--cog",
      paramLabel = "research|cloud-free|all",
      description =
          "Which scenes: research = the COG research set (the scenes cloud-filter found to pass its rule, by default"
              + " \"Landsat 8, no fill, no clouds\"), cloud-free = the cloud-free collection, all = every scene. A"
              + " scene without a verdict fails as not ready; a scene converted earlier that is no longer selected"
              + " has its COGs removed. Default: the manifest's 'cog', else research.")
  private String cog;

  @Option(
      names = "--recompress",
      description =
          "Convert bands that already are valid COGs (Collection 2) instead of copying them server-side. Default:"
              + " the manifest's 'recompress', else false.")
  private Boolean recompress;

  @Option(
      names = "--force",
      description = "Redo scenes that already have a completion marker. Default: false (or SCENELIFT_FORCE=true).")
  private boolean force;

  @Option(
      names = "--temp-dir",
      paramLabel = "DIR",
      defaultValue = "${sys:java.io.tmpdir}",
      description = "Local space for the bands in flight (two files per worker). Default: ${DEFAULT-VALUE}.")
  private Path tempDir;

  @Option(
      names = "--gdal-cache-mb",
      paramLabel = "MB",
      defaultValue = "256",
      description = "Bound of GDAL's block cache for the whole process. Default: ${DEFAULT-VALUE}.")
  private int gdalCacheMb;

  CogConvertCommand(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    try (ArrayChildTask task = ArrayChildTask.open(env)) {
      JobConfig config = task.config();
      RunManifest manifest = task.manifest();
      S3Client s3 = task.s3();
      CogSettings settings;
      try {
        settings = settings(manifest, config);
        if (gdalCacheMb < 16 || gdalCacheMb > 2047) {
          throw new IllegalArgumentException("--gdal-cache-mb must be 16..2047, got " + gdalCacheMb);
        }
        Files.createDirectories(tempDir);
      } catch (IllegalArgumentException | java.io.IOException e) {
        err.println("cog-convert: " + e.getMessage());
        return ExitCodes.USAGE;
      }
      Gdal.init();
      gdal.SetCacheMax(gdalCacheMb * 1024 * 1024);
      int workers = config.workers();
      int threadsPerBand = Math.max(1, Runtime.getRuntime().availableProcessors() / workers);
      ExecutorService pool = Executors.newFixedThreadPool(workers, new BandThreads());
      ExecutorService uploads = Executors.newFixedThreadPool(UPLOAD_THREADS);
      try {
        MarkerStore markers = new MarkerStore(s3, manifest.layout()).publishingTo(task.events());
        SceneCogStep step =
            new SceneCogStep(
                new SceneObjects(s3),
                new CogUploader(new StreamingUploader(s3, uploads, UploadTuning.defaults())),
                markers,
                manifest.layout(),
                settings,
                new CogConverter(settings.profile(), threadsPerBand),
                pool,
                tempDir,
                config.runId(),
                config.attempt());
        CogConvertPipeline.Summary summary =
            new CogConvertPipeline(step, markers, config.runId(), config.attempt(), out, err).run(task.scenes());
        return ExitCodes.afterScenes(summary.unrecorded());
      } catch (SdkException e) {
        err.println("cog-convert: S3 failed: " + e.getMessage());
        return ExitCodes.INFRASTRUCTURE;
      } finally {
        pool.shutdownNow();
        uploads.shutdownNow();
      }
    } catch (TaskStartException e) {
      err.println("cog-convert: " + e.getMessage());
      return e.exitCode();
    }
  }

  /** Options from the command line, else from the manifest, else the defaults. */
  CogSettings settings(RunManifest manifest, JobConfig config) {
    Set<Bundle> chosen = EnumSet.noneOf(Bundle.class);
    List<String> names =
        bundles != null
            ? bundles
            : Arrays.stream(manifest.option("bundles", "").split(",")).filter(s -> !s.isBlank()).toList();
    names.forEach(n -> chosen.add(Bundle.parse(n)));
    CogProfile p = CogProfile.parse(profile != null ? profile : manifest.option("profile", CogProfile.DEFAULT));
    Optional<Integer> lvl =
        Optional.ofNullable(level)
            .or(
                () ->
                    Optional.ofNullable(manifest.options().get("level"))
                        .map(
                            v -> {
                              try {
                                return Integer.parseInt(v.strip());
                              } catch (NumberFormatException e) {
                                throw new IllegalArgumentException("manifest option level='" + v + "' is not a number");
                              }
                            }));
    p = p.withLevel(lvl);
    CogSelection sel = cog != null ? CogSelection.parse(cog) : CogSelection.ofOptions(manifest.options());
    boolean re = recompress != null ? recompress : Boolean.parseBoolean(manifest.option("recompress", "false"));
    return new CogSettings(chosen, p, sel, re, force || config.force());
  }

  /** Named daemon threads for band work. */
  private static final class BandThreads implements java.util.concurrent.ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "cog-band-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
