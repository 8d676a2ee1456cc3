package dev.scenelift.index;

import dev.scenelift.marker.FailureRecord;
import dev.scenelift.marker.MarkerStore;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import dev.scenelift.scene.Tile;
import dev.scenelift.store.KeyLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The failure records a tile's listings hold: every scene a stage failed and has not finished since (a stage's
 * completion marker removes its record). Found from the listings index-build makes anyway; only the records themselves
 * are read, in parallel.
 */
final class SceneFailures {
  private final MarkerStore markers;
  private final Executor executor;

  SceneFailures(MarkerStore markers, Executor executor) {
    this.markers = markers;
    this.executor = executor;
  }

  /** The records found under the tile in {@code listed} (any tree), ordered by scene, then stage. */
  List<FailureRecord> read(KeyLayout layout, Tile tile, List<ListedObject> listed) {
    List<CompletableFuture<Optional<FailureRecord>>> reads = new ArrayList<>();
    for (ListedObject o : listed) {
      parse(layout, tile, o.key())
          .ifPresent(f -> reads.add(CompletableFuture.supplyAsync(() -> markers.failure(f.stage(), f.scene()), executor)));
    }
    List<FailureRecord> out = new ArrayList<>();
    reads.forEach(r -> r.join().ifPresent(out::add));
    out.sort(Comparator.comparing((FailureRecord f) -> f.scene().toString()).thenComparing(FailureRecord::stage));
    return List.copyOf(out);
  }

  /** Where a failure record of the tile is: {@code <root>/<tile>/<scene>/_scenelift/<stage>.failed.json}. */
  record Found(SceneId scene, Stage stage) {}

  static Optional<Found> parse(KeyLayout layout, Tile tile, String key) {
    String suffix = ".failed.json";
    String control = "/" + KeyLayout.CONTROL_DIR + "/";
    int at = key.lastIndexOf(control);
    if (!key.endsWith(suffix) || at < 0) {
      return Optional.empty();
    }
    String sceneDir = key.substring(0, at);
    String name = sceneDir.substring(sceneDir.lastIndexOf('/') + 1);
    String stageName = key.substring(at + control.length(), key.length() - suffix.length());
    try {
      SceneId scene = SceneId.parse(name);
      Stage stage = Stage.ofJobName(stageName);
      boolean inItsTree = layout.failure(stage, scene).key().equals(key);
      return scene.tile().equals(tile) && inItsTree ? Optional.of(new Found(scene, stage)) : Optional.empty();
    } catch (IllegalArgumentException e) { // not a scene id, or not a stage
      return Optional.empty();
    }
  }
}
