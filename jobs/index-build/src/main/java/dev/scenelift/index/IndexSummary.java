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
  static final int SHOWN_FAILURES = 20;

  private final S3Settings settings;

  IndexSummary(S3Settings settings) {
    this.settings = settings;
  }

  void print(IndexResult r, PrintStream out) {
    out.printf(
        "index-build: %d scenes rendered, %d unchanged, %d missing, %d failed, %d listing pages written%n",
        r.rendered(), r.unchanged(), r.missing(), r.failed().size(), r.pagesWritten());
    for (IndexResult.CollectionCount c : r.collections()) {
      out.printf("  %s: %d scene%s (%s)%n", c.pages().collection().title(), c.scenes(), c.scenes() == 1 ? "" : "s",
          c.rule());
      out.println("    thumbindex: " + where(c.pages().thumbIndex()));
      out.println("    listing:    " + where(c.pages().listing()));
    }
    out.println("  STAC:       " + where(r.catalog()));
    if (!r.sceneFailures().isEmpty()) {
      out.println("  failed scenes of the tile (listed on its pages): " + r.sceneFailures().size());
      r.sceneFailures().stream()
          .limit(SHOWN_FAILURES)
          .forEach(f -> out.println("    " + f.scene() + " " + f.stage() + ": " + f.message()));
      if (r.sceneFailures().size() > SHOWN_FAILURES) {
        out.println("    … and " + (r.sceneFailures().size() - SHOWN_FAILURES) + " more on thumbindex.html");
      }
    }
  }

  private String where(S3Location loc) {
    return settings.endpoint().isPresent() && settings.pathStyle()
        ? loc + "  (" + BucketGateway.pathOf(loc) + " on the store's web gateway)"
        : loc.toString();
  }
}
