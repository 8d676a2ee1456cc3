package dev.scenelift.plan;

import dev.scenelift.scene.Tile;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What the user asked a run to do, validated: the planner's input.
 *
 * @param tile the tile
 * @param source the source URI as given ({@code synthetic}, {@code file:///…}, {@code https://…}, {@code s3://…})
 * @param selection which of the source's scenes to take
 * @param scenesPerTask k, when given; otherwise the engine's {@link TaskSizing} chooses
 * @param options stage options recorded in the manifest
 */
public record RunRequest(
    Tile tile, String source, SceneSelection selection, OptionalInt scenesPerTask, Map<String, String> options) {
  public RunRequest {
    Objects.requireNonNull(tile, "tile");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(selection, "selection");
    Objects.requireNonNull(scenesPerTask, "scenesPerTask");
    if (scenesPerTask.isPresent() && scenesPerTask.getAsInt() < 1) {
      throw new IllegalArgumentException("--scenes-per-task must be at least 1, got " + scenesPerTask.getAsInt());
    }
    options = Map.copyOf(options);
  }
}
