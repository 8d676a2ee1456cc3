package dev.scenelift.index;

import dev.scenelift.store.S3Location;
import dev.scenelift.store.S3Settings;
import java.io.PrintStream;

/**
 * The end-of-run summary: counts, and where to look. With an S3-compatible endpoint (the embedded store) it prints
 * path-style http URLs; the embedded store needs signed requests, so {@link BucketGateway} serves the same paths to a
 * browser.
 */
final class IndexSummary {
  private final S3Settings settings;

  IndexSummary(S3Settings settings) {
    this.settings = settings;
  }

  void print(IndexResult r, PrintStream out) {
    out.printf(
        "index-build: %d scenes rendered, %d unchanged, %d missing, %d failed, %d listing pages written%n",
        r.rendered(), r.unchanged(), r.missing(), r.failed().size(), r.pagesWritten());
    out.println("  thumbindex: " + where(r.thumbIndex()));
    for (S3Location l : r.listings()) {
      out.println("  listing:    " + where(l));
    }
    out.println("  STAC:       " + where(r.catalog()));
  }

  private String where(S3Location loc) {
    return settings.endpoint().isPresent() && settings.pathStyle()
        ? loc + "  (" + BucketGateway.pathOf(loc) + " on the store's web gateway)"
        : loc.toString();
  }
}
