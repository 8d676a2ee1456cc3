package dev.scenelift.source;

import dev.scenelift.manifest.BundleSource;
import dev.scenelift.manifest.FileSource;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Sensor;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Which of a catalog's scenes a run takes: {@code --sensors}, {@code --since}, {@code --until} (inclusive acquisition
 * dates), {@code --limit} (the first N in acquisition order, after the other filters).
 *
 * <p>Before filtering, duplicates are merged so nothing is fetched twice: rows of the same scene become one entry
 * (bundles united), and of several production versions of one acquisition (same sensor, tile, date and collection,
 * different production date) only the newest is kept; each such decision is reported in {@link Selection#notes()}.
 *
 * @param sensors the sensors to keep; empty keeps all
 * @param since keep scenes acquired on or after this day
 * @param until keep scenes acquired on or before this day
 * @param limit keep at most this many scenes
 */
public record SceneFilter(
    Set<Sensor> sensors, Optional<LocalDate> since, Optional<LocalDate> until, OptionalInt limit) {

  public SceneFilter {
    sensors = sensors.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(sensors));
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

  /** Keeps every scene (duplicates are still merged). */
  public static SceneFilter all() {
    return new SceneFilter(Set.of(), Optional.empty(), Optional.empty(), OptionalInt.empty());
  }

  /** Parses {@code --sensors LC08,LE07} (case-insensitive, commas or spaces). */
  public static Set<Sensor> parseSensors(String text) {
    Set<Sensor> out = EnumSet.noneOf(Sensor.class);
    Arrays.stream(text.split("[,\\s]+")).filter(t -> !t.isBlank()).map(Sensor::parse).forEach(out::add);
    return out;
  }

  public SceneFilter withSensors(Set<Sensor> value) {
    return new SceneFilter(value, since, until, limit);
  }

  public SceneFilter withSince(LocalDate value) {
    return new SceneFilter(sensors, Optional.of(value), until, limit);
  }

  public SceneFilter withUntil(LocalDate value) {
    return new SceneFilter(sensors, since, Optional.of(value), limit);
  }

  public SceneFilter withLimit(int value) {
    return new SceneFilter(sensors, since, until, OptionalInt.of(value));
  }

  /**
   * The scenes left after merging duplicates and filtering, and what was merged or dropped.
   *
   * @param scenes in acquisition order, then scene id
   * @param notes one line per merge or newest-production decision, and one per filter that removed scenes
   */
  public record Selection(List<SceneEntry> scenes, List<String> notes) {
    public Selection {
      scenes = List.copyOf(scenes);
      notes = List.copyOf(notes);
    }
  }

  public Selection apply(List<SceneEntry> scenes) {
    List<String> notes = new ArrayList<>();
    List<SceneEntry> merged = newestProductions(mergeSameScene(scenes, notes), notes);
    List<SceneEntry> kept = new ArrayList<>();
    int bySensor = 0;
    int byDate = 0;
    for (SceneEntry e : merged) {
      SceneId id = e.id();
      if (!sensors.isEmpty() && !sensors.contains(id.sensor())) {
        bySensor++;
      } else if (since.isPresent() && id.acquired().isBefore(since.get())
          || until.isPresent() && id.acquired().isAfter(until.get())) {
        byDate++;
      } else {
        kept.add(e);
      }
    }
    if (bySensor > 0) {
      notes.add(bySensor + " scene(s) left out by --sensors " + sensors.stream().sorted().toList());
    }
    if (byDate > 0) {
      notes.add(byDate + " scene(s) acquired outside --since/--until left out");
    }
    kept.sort(SceneOrder.ACQUIRED_THEN_ID);
    if (limit.isPresent() && kept.size() > limit.getAsInt()) {
      notes.add((kept.size() - limit.getAsInt()) + " scene(s) beyond --limit " + limit.getAsInt() + " left out");
      kept = kept.subList(0, limit.getAsInt());
    }
    return new Selection(kept, notes);
  }

  /** Entries of one scene id become one, their bundles united; a bundle seen twice keeps its first source. */
  private static List<SceneEntry> mergeSameScene(List<SceneEntry> scenes, List<String> notes) {
    Map<SceneId, Map<Bundle, BundleSource>> byId = new LinkedHashMap<>();
    Map<SceneId, Map<String, FileSource>> filesById = new LinkedHashMap<>();
    Map<SceneId, Optional<String>> problems = new LinkedHashMap<>();
    for (SceneEntry e : scenes) {
      Map<String, FileSource> files = filesById.computeIfAbsent(e.id(), k -> new LinkedHashMap<>());
      e.files().forEach(f -> files.putIfAbsent(f.name(), f));
      problems.merge(e.id(), e.sourceProblem(), (a, b) -> a.or(() -> b));
      Map<Bundle, BundleSource> bundles = byId.get(e.id());
      if (bundles == null) {
        byId.put(e.id(), new EnumMap<>(Bundle.class));
        bundles = byId.get(e.id());
      } else {
        notes.add(e.id() + " listed more than once: merged into one scene");
      }
      for (BundleSource b : e.bundles()) {
        BundleSource before = bundles.putIfAbsent(b.bundle(), b);
        if (before != null && before.md5().isEmpty() && b.md5().isPresent() && before.uri().equals(b.uri())) {
          bundles.put(b.bundle(), b);
        }
      }
    }
    List<SceneEntry> out = new ArrayList<>();
    byId.forEach(
        (id, bundles) ->
            out.add(
                new SceneEntry(
                    id, List.copyOf(bundles.values()), List.copyOf(filesById.get(id).values()), problems.get(id))));
    return out;
  }

  /** Of several production versions of one acquisition, keeps the newest. */
  private static List<SceneEntry> newestProductions(List<SceneEntry> scenes, List<String> notes) {
    Map<String, List<SceneEntry>> byAcquisition = new LinkedHashMap<>();
    for (SceneEntry e : scenes) {
      String key = e.id().acquisitionKey() + "/" + e.id().collection();
      byAcquisition.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
    }
    List<SceneEntry> out = new ArrayList<>();
    for (List<SceneEntry> versions : byAcquisition.values()) {
      SceneEntry newest = versions.stream().max(Comparator.comparing(e -> e.id().produced())).orElseThrow();
      out.add(newest);
      if (versions.size() > 1) {
        List<String> dropped =
            versions.stream().filter(e -> e != newest).map(e -> e.id().toString()).sorted().toList();
        notes.add("kept " + newest.id() + " (newest production), dropped older " + String.join(", ", dropped));
      }
    }
    return out;
  }
}
