package dev.scenelift.submit;

import dev.scenelift.manifest.CopyMode;
import dev.scenelift.source.StacSearch;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where single-file (Collection 2) scenes come from and how their files are moved: a STAC API to search, and whether
 * {@code s3:} files are copied inside S3.
 */
final class StacOptions {
  @Option(
      names = "--stac",
      paramLabel = "URL",
      description =
          "Search this STAC API for the tile's scenes instead of listing a --source, e.g."
              + " https://landsatlook.usgs.gov/stac-server: POST /search with the --collections, the tile's"
              + " landsat:grid_horizontal/grid_vertical/grid_region (or its bounding box when the API has no Query"
              + " extension), --since/--until as datetime, 100 items a page, following every next link; each scene's"
              + " assets (COGs and the metadata XML) are fetched file by file, verified by size, ETag and"
              + " file:checksum. With --request-payer requester the assets' alternate s3:// hrefs are read. Default:"
              + " none (the --source is listed).")
  URI stac;

  @Option(
      names = "--collections",
      paramLabel = "ID",
      split = ",",
      description =
          "The STAC collections to search, comma-separated. Default: landsat-c2ard-sr,landsat-c2ard-st,"
              + "landsat-c2ard-bt,landsat-c2ard-ta (USGS's Collection 2 ARD).")
  List<String> collections;

  @Option(
      names = "--stac-max-pages",
      paramLabel = "N",
      defaultValue = "100",
      description =
          "Read at most N pages of search results; a search with more is refused (narrow --since/--until) rather"
              + " than cut short. Default: ${DEFAULT-VALUE}.")
  int maxPages;

  @Option(
      names = "--stac-timeout",
      paramLabel = "SECONDS",
      defaultValue = "300",
      description =
          "Give up a search after SECONDS in all; each request is retried up to 4 times (5xx, 429, 30 s timeouts,"
              + " dropped connections) with exponential back-off. Default: ${DEFAULT-VALUE}.")
  int timeoutSeconds;

  @Option(
      names = "--copy-mode",
      paramLabel = "MODE",
      defaultValue = "auto",
      description = {
        "How single s3:// files reach the raw tree. Default: ${DEFAULT-VALUE}.",
        "  stream       through the job, verified as they pass (size, ETag, file:checksum)",
        "  server-side  copied by S3 (CopyObject; UploadPartCopy > 5 GiB): no bytes through the job;",
        "               size and ETag verified, file:checksum not (no byte is read)",
        "  auto         server-side on AWS when --source-region is the run's region, else stream"
      })
  String copyMode;

  @Option(
      names = "--source-region",
      paramLabel = "REGION",
      description =
          "The AWS region of an s3:// source's bucket (USGS's usgs-landsat-ard is in us-west-2): decides --copy-mode"
              + " auto and the transfer cost in the AWS dry run. Default: unknown (streamed, priced as inter-region).")
  String sourceRegion;

  Optional<URI> stac() {
    return Optional.ofNullable(stac);
  }

  /**
   * The search, validated.
   *
   * @throws IllegalArgumentException naming the bad option
   */
  StacSearch search(Optional<LocalDate> since, Optional<LocalDate> until, boolean requesterPays) {
    if (maxPages < 1) {
      throw new IllegalArgumentException("--stac-max-pages must be at least 1, got " + maxPages);
    }
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException("--stac-timeout must be at least 1 second, got " + timeoutSeconds);
    }
    return StacSearch.of(stac, collections == null || collections.isEmpty() ? StacSearch.C2_ARD : collections)
        .withDays(since, until)
        .withLimits(maxPages, Duration.ofSeconds(timeoutSeconds))
        .withS3Hrefs(requesterPays);
  }

  /**
   * The copy mode for a run on this engine.
   *
   * @param runRegion the region the run's jobs run in, on AWS
   * @throws IllegalArgumentException for an unknown mode
   */
  CopyMode copyMode(boolean onAws, Optional<String> runRegion) {
    if (copyMode.equalsIgnoreCase("auto")) {
      boolean sameRegion = sourceRegion != null && runRegion.isPresent() && runRegion.get().equals(sourceRegion);
      return onAws && sameRegion ? CopyMode.SERVER_SIDE : CopyMode.STREAM;
    }
    try {
      return CopyMode.parse(copyMode);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--copy-mode: " + e.getMessage().replace("stream or server-side",
          "auto, stream or server-side"));
    }
  }

  Optional<String> sourceRegion() {
    return Optional.ofNullable(sourceRegion);
  }
}
