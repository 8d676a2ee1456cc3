package dev.scenelift.plan;

import dev.scenelift.scene.Sensor;
import dev.scenelift.source.SceneFilter;
import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The planner's former selection, now only a bridge to {@link SceneFilter} (which also merges duplicate rows and keeps
 * the newest production of an acquisition).
 *
 * @deprecated use {@link SceneFilter}; this goes once {@code submit.RunOptions} no longer names it
 */
@Deprecated(forRemoval = true)
public record SceneSelection(
    Set<Sensor> sensors, Optional<LocalDate> since, Optional<LocalDate> until, OptionalInt limit) {

  /** The same selection as a {@link SceneFilter}, which validates it. */
  SceneFilter toFilter() {
    return new SceneFilter(sensors, since, until, limit);
  }
}
