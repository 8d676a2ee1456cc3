package dev.scenelift.source;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code submit-run --stac URL} asks of a STAC API: which collections, which days, and how patiently.
 *
 * @param api the API's landing page, e.g. {@code https://landsatlook.usgs.gov/stac-server}
 * @param collections the collections to search, e.g. {@code landsat-c2ard-sr}
 * @param since the first acquisition day, if bounded
 * @param until the last acquisition day, if bounded
 * @param pageSize items asked per page ({@code limit})
 * @param maxPages pages read at most; a search with more is refused rather than silently cut short
 * @param timeout the whole search's time limit, retries included
 * @param requestTimeout one request's time limit (a slow page past it is retried)
 * @param attempts attempts per request (5xx, 429, timeouts and dropped connections are retried)
 * @param retryDelay the first back-off delay (doubling, with jitter)
 * @param s3Hrefs take each asset's {@code alternate.s3.href} where it has one (requester-pays reads), else its href
 */
public record StacSearch(
    URI api,
    List<String> collections,
    Optional<LocalDate> since,
    Optional<LocalDate> until,
    int pageSize,
    int maxPages,
    Duration timeout,
    Duration requestTimeout,
    int attempts,
    Duration retryDelay,
    boolean s3Hrefs) {
  /** USGS's Collection 2 ARD collections: surface reflectance, surface temperature, brightness temperature, TOA. */
  public static final List<String> C2_ARD =
      List.of("landsat-c2ard-sr", "landsat-c2ard-st", "landsat-c2ard-bt", "landsat-c2ard-ta");

  private static final Pattern COLLECTION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  public StacSearch {
    Objects.requireNonNull(api, "api");
    if (!"http".equalsIgnoreCase(api.getScheme()) && !"https".equalsIgnoreCase(api.getScheme())
        || api.getHost() == null) {
      throw new IllegalArgumentException("--stac " + api + ": expected an http(s):// URL of a STAC API");
    }
    collections = List.copyOf(collections);
    if (collections.isEmpty()) {
      throw new IllegalArgumentException("--collections: name at least one collection");
    }
    for (String c : collections) {
      if (!COLLECTION.matcher(c).matches()) {
        throw new IllegalArgumentException("--collections: malformed collection id '" + c + "'");
      }
    }
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    if (pageSize < 1 || pageSize > 10_000 || maxPages < 1 || attempts < 1) {
      throw new IllegalArgumentException("STAC page size must be 1-10000, pages and attempts at least 1");
    }
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(retryDelay, "retryDelay");
  }

  /** The defaults {@code submit-run} uses: pages of 100, at most 100 pages, 5 minutes, 4 attempts a request. */
  public static StacSearch of(URI api, List<String> collections) {
    return new StacSearch(
        api, collections, Optional.empty(), Optional.empty(), 100, 100, Duration.ofMinutes(5), Duration.ofSeconds(30),
        4, Duration.ofMillis(500), false);
  }

  public StacSearch withDays(Optional<LocalDate> first, Optional<LocalDate> last) {
    return new StacSearch(api, collections, first, last, pageSize, maxPages, timeout, requestTimeout, attempts,
        retryDelay, s3Hrefs);
  }

  public StacSearch withS3Hrefs(boolean value) {
    return new StacSearch(api, collections, since, until, pageSize, maxPages, timeout, requestTimeout, attempts,
        retryDelay, value);
  }

  public StacSearch withLimits(int pages, Duration total) {
    return new StacSearch(api, collections, since, until, pageSize, pages, total, requestTimeout, attempts, retryDelay,
        s3Hrefs);
  }

  public StacSearch withRequests(int size, Duration perRequest, int tries, Duration delay) {
    return new StacSearch(api, collections, since, until, size, maxPages, timeout, perRequest, tries, delay, s3Hrefs);
  }

  /** The STAC {@code datetime} interval of the days, or empty when unbounded on both ends. */
  public Optional<String> datetime() {
    if (since.isEmpty() && until.isEmpty()) {
      return Optional.empty();
    }
    String start = since.map(d -> d + "T00:00:00Z").orElse("..");
    String end = until.map(d -> d + "T23:59:59Z").orElse("..");
    return Optional.of(start + "/" + end);
  }
}
