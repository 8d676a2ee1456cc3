package dev.scenelift.cog;

import dev.scenelift.collection.CogSelection;
import dev.scenelift.scene.Bundle;
import java.util.Objects;
import java.util.Set;

/**
 * What cog-convert was asked to do, resolved from the command line and the run manifest's options.
 *
 * @param bundles the bundles to convert; empty means every bundle the scene has
 * @param profile compression
 * @param selection which scenes
 * @param recompress convert even bands that already are valid COGs (else they are copied)
 * @param force redo scenes that already have a completion marker
 */
record CogSettings(Set<Bundle> bundles, CogProfile profile, CogSelection selection, boolean recompress, boolean force) {
  CogSettings {
    bundles = Set.copyOf(bundles);
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(selection, "selection");
  }
}
