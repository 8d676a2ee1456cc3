package dev.scenelift.listen;

import dev.scenelift.manifest.BundleSource;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Collects landed bundles per scene and hands a scene over once every bundle of its collection is there (C1: SR, TA,
 * BT, QA). A bundle landing twice keeps the later copy. State is in memory.
 */
final class LandingTracker {
  private final Map<SceneId, Map<Bundle, BundleSource>> waiting = new LinkedHashMap<>();

  /** Records a bundle; returns its scene when this completed it (the scene is then no longer tracked). */
  Optional<SceneEntry> add(LandedBundle landed) {
    SceneId scene = landed.name().scene();
    Map<Bundle, BundleSource> have = waiting.computeIfAbsent(scene, s -> new EnumMap<>(Bundle.class));
    have.put(
        landed.name().bundle(),
        new BundleSource(landed.name().bundle(), landed.location().toUri(), Optional.empty(), landed.size()));
    Set<Bundle> needed = Bundle.of(scene.collection());
    if (have.keySet().containsAll(needed)) {
      waiting.remove(scene);
      return Optional.of(new SceneEntry(scene, new ArrayList<>(have.values())).withBundles(needed));
    }
    return Optional.empty();
  }

  /** Scenes still missing bundles, with what they miss. */
  Map<SceneId, Set<Bundle>> incomplete() {
    Map<SceneId, Set<Bundle>> out = new LinkedHashMap<>();
    waiting.forEach(
        (scene, have) -> {
          Set<Bundle> missing = java.util.EnumSet.copyOf(Bundle.of(scene.collection()));
          missing.removeAll(have.keySet());
          out.put(scene, missing);
        });
    return out;
  }

  List<SceneId> waitingScenes() {
    return List.copyOf(waiting.keySet());
  }
}
