package dev.scenelift.manifest;

import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.RunIds;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The plan of one run, written to {@code runs/<run-id>/manifest.json} before any job starts. Each array child reads it
 * and takes only its own task's scenes.
 *
 * @param runId the run
 * @param tile the tile the run covers
 * @param source the source URI the run was planned from, as given
 * @param created when the plan was made
 * @param scenesPerTask k of the task split
 * @param layout where inputs and outputs live
 * @param scenes the ordered scene list, each scene once
 * @param options stage options chosen at submit time (e.g. {@code max-cloud}), as strings
 */
public record RunManifest(
    String runId,
    Tile tile,
    String source,
    Instant created,
    int scenesPerTask,
    KeyLayout layout,
    List<SceneEntry> scenes,
    Map<String, String> options) {

  public RunManifest {
    RunIds.requireValid(runId);
    Objects.requireNonNull(tile, "tile");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(layout, "layout");
    scenes = List.copyOf(scenes);
    options = Map.copyOf(options);
    Set<SceneId> seen = new HashSet<>();
    for (SceneEntry e : scenes) {
      if (!e.id().tile().equals(tile)) {
        throw new IllegalArgumentException(
            "scene " + e.id() + " belongs to tile " + e.id().tile() + ", not to this run's tile " + tile);
      }
      if (!seen.add(e.id())) {
        throw new IllegalArgumentException("scene " + e.id() + " is listed twice");
      }
    }
    new TaskSplit(scenes.size(), scenesPerTask);
  }

  public TaskSplit split() {
    return new TaskSplit(scenes.size(), scenesPerTask);
  }

  /** The scenes of one array child. */
  public List<SceneEntry> scenesOf(int arrayIndex) {
    ArrayTask task = split().task(arrayIndex);
    return scenes.subList(task.from(), task.to());
  }

  /** Total bytes of every scene's bundles and files, or -1 when any size is unknown. */
  public long knownBytes() {
    ExpectedBytes e = ExpectedBytes.of(scenes);
    return e.complete() ? e.known() : -1;
  }

  public String option(String name, String fallback) {
    return options.getOrDefault(name, fallback);
  }
}
