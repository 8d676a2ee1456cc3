package dev.scenelift.cloud;

import dev.scenelift.gdal.Gdal;
import dev.scenelift.gdal.GdalS3;
import dev.scenelift.job.ExitCodes;
import dev.scenelift.job.JobConfig;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.collection.CollectionRule;
import dev.scenelift.collection.CollectionRules;
import dev.scenelift.marker.MarkerStore;
import dev.scenelift.task.ArrayChildTask;
import dev.scenelift.task.TaskStartException;
import dev.scenelift.verdict.CloudFreeLists;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;

/** The cloud-filter job's command line; every threshold falls back to the run manifest's option of the same name. */
@Command(
    name = "cloud-filter",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Judges each scene of this array child from its pixel QA band: cloud, shadow, snow, cirrus and water percent of"
          + " the non-fill pixels and fill percent of the tile, and from them which collections it belongs to (the"
          + " full tile always; the cloud-free set and the COG research set by their rules); writes"
          + " <raw>/<tile>/<scene>/cloud.json, copies cloud-free scenes into the opt tree, then the FILTER"
          + " marker, this child's part of runs/<run-id>/cloud-free/, and the merged runs/<run-id>/cloud-free.txt and"
          + " cloud-free.json once every part is present.",
      "Scenes without a fetch-scene marker are reported as not ready (or, when fetch-scene failed them, as such) and"
          + " not judged. A scene with a stored cloud.json"
          + " is re-judged from it without reading its band, unless --recompute.",
      "Reads SCENELIFT_RUN_ID, SCENELIFT_MANIFEST, AWS_BATCH_JOB_ARRAY_INDEX and the S3 settings from the environment;"
          + " SCENELIFT_FORCE implies --recompute."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:every scene ended: judged, not ready, or failed with a failure record and one line on stderr",
      "2:usage error",
      "3:infrastructure error (S3, manifest, a failure record not written); retryable"
    })
final class CloudFilterCommand implements Callable<Integer> {
  @Option(
      names = "--cloud-free-sensors",
      split = ",",
      paramLabel = "SENSOR",
      description = "Cloud-free rule: only these sensors (LT04, LT05, LE07, LC08, LC09). Default: manifest option"
          + " cloud-free-sensors, else all.")
  List<String> cloudFreeSensors;

  @Option(
      names = "--cloud-free-max-cloud",
      paramLabel = "PERCENT",
      description = "Cloud-free rule: cloud %% of the non-fill pixels at most this. Default: manifest option"
          + " cloud-free-max-cloud, else 10.")
  Double cloudFreeMaxCloud;

  @Option(
      names = "--cloud-free-max-shadow",
      paramLabel = "PERCENT",
      description = "Cloud-free rule: cloud-shadow %% at most this. Default: manifest option cloud-free-max-shadow,"
          + " else 100.")
  Double cloudFreeMaxShadow;

  @Option(
      names = "--cloud-free-max-fill",
      paramLabel = "PERCENT",
      description = "Cloud-free rule: fill %% of the tile at most this. Default: manifest option cloud-free-max-fill,"
          + " else 100.")
  Double cloudFreeMaxFill;

  @Option(
      names = "--cog-sensors",
      split = ",",
      paramLabel = "SENSOR",
      description = "COG research set rule: only these sensors. Default: manifest option cog-sensors, else LC08.")
  List<String> cogSensors;

  @Option(
      names = "--cog-max-cloud",
      paramLabel = "PERCENT",
      description = "COG research set rule: cloud %% at most this. Default: manifest option cog-max-cloud, else 1.")
  Double cogMaxCloud;

  @Option(
      names = "--cog-max-shadow",
      paramLabel = "PERCENT",
      description = "COG research set rule: cloud-shadow %% at most this. Default: manifest option cog-max-shadow,"
          + " else 100.")
  Double cogMaxShadow;

  @Option(
      names = "--cog-max-fill",
      paramLabel = "PERCENT",
      description = "COG research set rule: fill %% at most this. Default: manifest option cog-max-fill, else 5.")
  Double cogMaxFill;

  @Option(
      names = "--cirrus-is-cloud",
      arity = "0..1",
      paramLabel = "BOOL",
      description = "Count cirrus pixels as cloud. Default: manifest option cirrus-is-cloud, else false.")
  Boolean cirrusIsCloud;

  @Option(
      names = "--dilated-is-cloud",
      arity = "0..1",
      paramLabel = "BOOL",
      description = "Count dilated-cloud pixels (Collection 2) as cloud. Default: manifest option dilated-is-cloud,"
          + " else false.")
  Boolean dilatedIsCloud;

  @Option(
      names = "--recompute",
      arity = "0..1",
      paramLabel = "BOOL",
      description = "Read the QA band again even when cloud.json exists (also implied by SCENELIFT_FORCE). Default:"
          + " manifest option recompute, else false.")
  Boolean recompute;

  @Option(
      names = "--promote",
      paramLabel = "MODE",
      description = "copy: server-side copy of the cloud-free collection's scenes into the opt tree (and removal of"
          + " scenes no longer cloud-free), or none: the verdicts and lists only. Default: manifest option promote,"
          + " else copy.")
  PromoteMode promote;

  @Option(
      names = "--qa-read",
      paramLabel = "HOW",
      defaultValue = "download",
      description = "download: copy the QA band to a temp file per scene (deleted after); vsis3: stream it through"
          + " GDAL's /vsis3/ with the same S3 settings. Default: ${DEFAULT-VALUE}.")
  QaRead qaRead;

  @Option(
      names = "--temp-dir",
      paramLabel = "DIR",
      description = "Where QA bands are downloaded, one scene at a time. Default: java.io.tmpdir.")
  Path tempDir;

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  CloudFilterCommand(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    try (ArrayChildTask task = ArrayChildTask.open(env)) {
      JobConfig config = task.config();
      RunManifest manifest = task.manifest();
      CollectionRules rules;
      FilterSettings settings;
      try {
        rules = rules(manifest);
        settings =
            new FilterSettings(
                config.runId(),
                config.arrayIndex(),
                config.attempt(),
                config.force() || bool(recompute, manifest, "recompute"),
                promote != null ? promote : PromoteMode.parse(manifest.option("promote", PromoteMode.copy.name())),
                qaRead,
                tempDir != null ? tempDir : Path.of(System.getProperty("java.io.tmpdir")),
                version());
      } catch (IllegalArgumentException e) {
        err.println("cloud-filter: " + e.getMessage());
        return ExitCodes.USAGE;
      }
      Gdal.init();
      if (qaRead == QaRead.vsis3) {
        GdalS3.configure(config.s3());
      }
      Clock clock = Clock.systemUTC();
      MarkerStore markers = new MarkerStore(task.s3(), manifest.layout()).publishingTo(task.events());
      SceneFilter filter = new SceneFilter(task.s3(), manifest.layout(), markers, rules, settings, clock);
      CloudFilterJob job =
          new CloudFilterJob(filter, markers, new CloudFreeLists(task.s3(), manifest.layout()), settings,
              manifest.split().taskCount(), clock);
      List<SceneEntry> scenes = task.scenes();
      out.println("cloud-filter: run " + config.runId() + " child " + config.arrayIndex() + ", " + scenes.size()
          + " scenes, rules " + rules.asOptions());
      List<SceneOutcome> outcomes;
      try {
        outcomes = job.run(scenes, out, err);
      } catch (SdkException e) {
        err.println("cloud-filter: S3 failed: " + e.getMessage());
        return ExitCodes.INFRASTRUCTURE;
      }
      long failed = outcomes.stream().filter(o -> o.status() == SceneStatus.FAILED).count();
      if (failed > 0) {
        out.println("cloud-filter: " + failed + " scene(s) failed, each with its failure record");
      }
      return ExitCodes.OK;
    } catch (TaskStartException e) {
      err.println("cloud-filter: " + e.getMessage());
      return e.exitCode();
    }
  }

  /** The manifest's rules, with this command line's flags over them. */
  private CollectionRules rules(RunManifest manifest) {
    Map<String, String> options = new HashMap<>(manifest.options());
    put(options, CollectionRules.CLOUD_FREE_SENSORS, cloudFreeSensors);
    put(options, CollectionRules.CLOUD_FREE_MAX_CLOUD, cloudFreeMaxCloud);
    put(options, CollectionRules.CLOUD_FREE_MAX_SHADOW, cloudFreeMaxShadow);
    put(options, CollectionRules.CLOUD_FREE_MAX_FILL, cloudFreeMaxFill);
    put(options, CollectionRules.COG_SENSORS, cogSensors);
    put(options, CollectionRules.COG_MAX_CLOUD, cogMaxCloud);
    put(options, CollectionRules.COG_MAX_SHADOW, cogMaxShadow);
    put(options, CollectionRules.COG_MAX_FILL, cogMaxFill);
    put(options, CollectionRules.CIRRUS_IS_CLOUD, cirrusIsCloud);
    put(options, CollectionRules.DILATED_IS_CLOUD, dilatedIsCloud);
    return CollectionRules.fromOptions(options);
  }

  private static void put(Map<String, String> options, String name, Object flag) {
    if (flag instanceof List<?> list) {
      options.put(name, list.stream().map(String::valueOf).collect(Collectors.joining(",")));
    } else if (flag instanceof Double d) {
      options.put(name, CollectionRule.number(d));
    } else if (flag != null) {
      options.put(name, flag.toString());
    }
  }

  private static boolean bool(Boolean given, RunManifest manifest, String name) {
    if (given != null) {
      return given;
    }
    String v = manifest.option(name, "false").trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new IllegalArgumentException("manifest option " + name + " is not true/false: '" + v + "'");
    };
  }

  private static String version() {
    String v = CloudFilterCommand.class.getPackage().getImplementationVersion();
    return v != null ? v : "dev";
  }
}
