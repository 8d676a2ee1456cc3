package dev.scenelift.source;

import dev.scenelift.manifest.SceneEntry;
import java.util.Comparator;

/** The order catalogs return scenes in: acquisition date, then scene id. */
final class SceneOrder {
  static final Comparator<SceneEntry> ACQUIRED_THEN_ID =
      Comparator.comparing((SceneEntry e) -> e.id().acquired()).thenComparing(e -> e.id().toString());

  private SceneOrder() {}
}
