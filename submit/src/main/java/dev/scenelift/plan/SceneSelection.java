package dev.scenelift.plan;

import dev.scenelift.manifest.BundleSource;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Sensor;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Which of a catalog's scenes a run takes ({@code --sensors}, {@code --since}, {@code --until}, {@code --limit}): the
 * one place the planner filters. Rows naming the same scene twice are merged (first source of each bundle wins).
 *
 * @param sensors the sensors to keep; empty keeps all
 * @param since first acquisition date kept, inclusive
 * @param until last acquisition date kept, inclusive
 * @param limit at most this many scenes, the first in catalog order
 */
public record SceneSelection(
    Set<Sensor> sensors, Optional<LocalDate> since, Optional<LocalDate> until, OptionalInt limit) {

  public SceneSelection {
    sensors = Set.copyOf(sensors);
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(limit, "limit");
    if (since.isPresent() && until.isPresent() && until.get().isBefore(since.get())) {
      throw new IllegalArgumentException("--until " + until.get() + " is before --since " + since.get());
    }
    if (limit.isPresent() && limit.getAsInt() < 1) {
      throw new IllegalArgumentException("--limit must be at least 1, got " + limit.getAsInt());
    }
  }

  /** Takes every scene. */
  public static SceneSelection all() {
    return new SceneSelection(Set.of(), Optional.empty(), Optional.empty(), OptionalInt.empty());
  }

  /** The selected scenes, in the catalog's order, each once. */
  public List<SceneEntry> apply(List<SceneEntry> listed) {
    Map<SceneId, Map<Bundle, BundleSource>> merged = new LinkedHashMap<>();
    for (SceneEntry entry : listed) {
      if (keeps(entry.id())) {
        Map<Bundle, BundleSource> bundles = merged.computeIfAbsent(entry.id(), id -> new EnumMap<>(Bundle.class));
        entry.bundles().forEach(b -> bundles.putIfAbsent(b.bundle(), b));
      }
    }
    List<SceneEntry> out = new ArrayList<>();
    for (Map.Entry<SceneId, Map<Bundle, BundleSource>> e : merged.entrySet()) {
      if (limit.isPresent() && out.size() == limit.getAsInt()) {
        break;
      }
      out.add(new SceneEntry(e.getKey(), List.copyOf(e.getValue().values())));
    }
    return List.copyOf(out);
  }

  private boolean keeps(SceneId id) {
    return (sensors.isEmpty() || sensors.contains(id.sensor()))
        && since.map(d -> !id.acquired().isBefore(d)).orElse(true)
        && until.map(d -> !id.acquired().isAfter(d)).orElse(true);
  }
}
