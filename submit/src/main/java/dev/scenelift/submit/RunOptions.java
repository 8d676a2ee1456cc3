package dev.scenelift.submit;

import dev.scenelift.job.JobEnv;
import dev.scenelift.plan.RunRequest;
import dev.scenelift.scene.Sensor;
import dev.scenelift.source.SceneFilter;
import dev.scenelift.scene.Tile;
import dev.scenelift.store.PublicUrl;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import picocli.CommandLine.Option;

/** What to run: the tile, the source and which of its scenes, and how to split them. Shared by run-like commands. */
final class RunOptions {
  @Option(
      names = "--tile",
      paramLabel = "TILE",
      converter = Converters.TileConverter.class,
      description = "Required: the tile of the CONUS ARD grid, e.g. h03v03 (or 003003).")
  Tile tile;

  @Option(
      names = "--source",
      paramLabel = "URI",
      defaultValue = "synthetic",
      description = {
        "Where the scenes come from. Default: ${DEFAULT-VALUE}.",
        "  synthetic[:N]        N generated scenes (no network needed)",
        "  synthetic:c2[:N]     the same as Collection 2 bundles (C2 names, QA_PIXEL, COGs)",
        "  file:///DIR          a folder of bundles",
        "  https://HOST/PATH/   a directory serving <tile>.md5_list and the bundles",
        "  s3://BUCKET/PREFIX   a bucket prefix (see --request-payer)"
      })
  String source;

  @Option(
      names = "--scene-list",
      paramLabel = "FILE",
      description =
          "A file naming the run's scenes (for sources that cannot list them): a USGS md5 list, one scene id or"
              + " bundle name a line, or an EarthExplorer metadata export (CSV). Default: the source lists its"
              + " scenes.")
  Path sceneList;

  @Option(
      names = "--prefilter-max-cloud",
      paramLabel = "PERCENT",
      description =
          "Before anything is fetched, drop scenes whose catalog cloud cover is above PERCENT (0-100); the catalog is"
              + " the --stac search's items (eo:cloud_cover), else the --scene-list when it is an EarthExplorer"
              + " metadata export (CSV). Scenes the catalog does not list are kept. Default: no pre-filter.")
  Double prefilterMaxCloud;

  @Option(
      names = "--sensors",
      paramLabel = "SENSOR",
      split = ",",
      converter = Converters.SensorConverter.class,
      description = "Only these sensors, comma-separated: LT04, LT05, LE07, LC08, LC09. Default: all.")
  List<Sensor> sensors = List.of();

  @Option(
      names = "--since",
      paramLabel = "DATE",
      converter = Converters.DateConverter.class,
      description = "Only scenes acquired on or after DATE (yyyy-mm-dd). Default: no lower bound.")
  LocalDate since;

  @Option(
      names = "--until",
      paramLabel = "DATE",
      converter = Converters.DateConverter.class,
      description = "Only scenes acquired on or before DATE (yyyy-mm-dd). Default: no upper bound.")
  LocalDate until;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "At most N scenes, the first in acquisition order. Default: no limit.")
  Integer limit;

  @Option(
      names = "--scenes-per-task",
      paramLabel = "K",
      description =
          "Scenes per array task: task i handles scenes [i*K, (i+1)*K). Default: 1 on the embedded engine (one "
              + "scene per child), on AWS about 4 minutes of fetching per child from the scene sizes (8 for ~575 MB"
              + " scenes); raised only to keep a run within 10000 tasks.")
  Integer scenesPerTask;

  @Option(
      names = "--synthetic-size",
      paramLabel = "PIXELS",
      defaultValue = "5000",
      description = "Pixels per side of synthetic rasters, 16-5000 (smaller is faster). Default: ${DEFAULT-VALUE}.")
  int syntheticSize;

  @Option(
      names = "--request-payer",
      paramLabel = "requester",
      arity = "1",
      converter = Converters.RequestPayerConverter.class,
      description =
          "Read an s3:// source with x-amz-request-payer: requester (USGS's requester-pays buckets). Default: off.")
  String requestPayer;

  @Option(
      names = "--force",
      description = "Redo scenes that already have a completion marker. Default: finished scenes are skipped.")
  boolean force;

  @Option(
      names = "--public-url",
      paramLabel = "URL",
      description =
          "The public http(s) URL of the COG tree, e.g. https://BUCKET.s3.amazonaws.com/cog/ when the COG bucket"
              + " is public (env " + JobEnv.PUBLIC_URL + "): index-build then writes a published STAC catalog whose"
              + " links and self links are absolute URLs under it. Default: none, a self-contained catalog with"
              + " relative links.")
  String publicUrl;

  boolean requesterPays() {
    return requestPayer != null;
  }

  /**
   * The variables every job of the run gets from these options: requester pays, the public URL (the flag, else the
   * environment's {@link JobEnv#PUBLIC_URL}).
   *
   * @throws IllegalArgumentException naming the bad option
   */
  Map<String, String> jobEnvironment(Map<String, String> environment) {
    Map<String, String> env = new HashMap<>();
    if (requesterPays()) {
      env.put(JobEnv.REQUEST_PAYER_SOURCE, "true");
    }
    String url = publicUrl != null ? publicUrl : environment.get(JobEnv.PUBLIC_URL);
    if (url != null && !url.isBlank()) {
      try {
        env.put(JobEnv.PUBLIC_URL, PublicUrl.parse(url).toString());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--public-url: " + e.getMessage(), e);
      }
    }
    return Map.copyOf(env);
  }

  Optional<Path> sceneList() {
    return Optional.ofNullable(sceneList);
  }

  /**
   * The validated request.
   *
   * @throws IllegalArgumentException naming the bad option
   */
  RunRequest toRequest(Tile required) {
    return toRequest(required, Map.of());
  }

  /**
   * The validated request with the stage options the run manifest records (e.g. the collections' rules).
   *
   * @throws IllegalArgumentException naming the bad option
   */
  RunRequest toRequest(Tile required, Map<String, String> options) {
    SceneFilter selection =
        new SceneFilter(
            Set.copyOf(sensors),
            Optional.ofNullable(since),
            Optional.ofNullable(until),
            limit == null ? OptionalInt.empty() : OptionalInt.of(limit));
    return new RunRequest(
        required,
        source,
        selection,
        scenesPerTask == null ? OptionalInt.empty() : OptionalInt.of(scenesPerTask),
        options);
  }
}
