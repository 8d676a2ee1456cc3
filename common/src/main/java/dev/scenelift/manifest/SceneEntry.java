package dev.scenelift.manifest;

import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One scene of a run: its id and its bundles' sources, ordered by bundle.
 *
 * @param id the scene
 * @param bundles one source per bundle, no bundle twice
 */
public record SceneEntry(SceneId id, List<BundleSource> bundles) {
  public SceneEntry {
    Objects.requireNonNull(id, "id");
    List<BundleSource> sorted = new ArrayList<>(bundles);
    sorted.sort(Comparator.comparing(BundleSource::bundle));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).bundle() == sorted.get(i - 1).bundle()) {
        throw new IllegalArgumentException(id + ": bundle " + sorted.get(i).bundle() + " listed twice");
      }
    }
    bundles = List.copyOf(sorted);
  }

  public Optional<BundleSource> bundle(Bundle which) {
    return bundles.stream().filter(b -> b.bundle() == which).findFirst();
  }

  /** Total bytes of the bundles, or -1 when any size is unknown. */
  public long knownBytes() {
    long total = 0;
    for (BundleSource b : bundles) {
      if (b.size() < 0) {
        return -1;
      }
      total += b.size();
    }
    return total;
  }

  /** Only the given bundles. */
  public SceneEntry withBundles(java.util.Set<Bundle> keep) {
    return new SceneEntry(id, bundles.stream().filter(b -> keep.contains(b.bundle())).toList());
  }
}
