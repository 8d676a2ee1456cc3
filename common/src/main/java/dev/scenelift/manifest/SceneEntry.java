package dev.scenelift.manifest;

import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One scene of a run: its id, its bundles' sources (tars), ordered by bundle, and the files a source serves one by
 * one (Collection 2 COGs), ordered by bundle and name. A scene may have either or both.
 *
 * @param id the scene
 * @param bundles one source per bundle, no bundle twice
 * @param files one source per file, no file name twice; each named after the scene ({@code <id>_<band>.TIF}, {@code
 *     <id>.xml})
 * @param sourceProblem why the source's description of this scene cannot be used (e.g. a malformed STAC item): the
 *     scene is planned so that fetch-scene fails it with a failure record naming this, and fetches nothing
 */
public record SceneEntry(
    SceneId id, List<BundleSource> bundles, List<FileSource> files, Optional<String> sourceProblem) {
  public SceneEntry {
    Objects.requireNonNull(id, "id");
    List<BundleSource> sorted = new ArrayList<>(bundles == null ? List.of() : bundles);
    sorted.sort(Comparator.comparing(BundleSource::bundle));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).bundle() == sorted.get(i - 1).bundle()) {
        throw new IllegalArgumentException(id + ": bundle " + sorted.get(i).bundle() + " listed twice");
      }
    }
    bundles = List.copyOf(sorted);
    List<FileSource> byName = new ArrayList<>(files == null ? List.of() : files);
    byName.sort(Comparator.comparing(FileSource::bundle).thenComparing(FileSource::name));
    Set<String> names = new HashSet<>();
    for (FileSource f : byName) {
      if (!names.add(f.name())) {
        throw new IllegalArgumentException(id + ": file " + f.name() + " listed twice");
      }
      if (!f.name().equals(id + ".xml") && !f.name().startsWith(id + "_")) {
        throw new IllegalArgumentException(id + ": file " + f.name() + " is not named after the scene");
      }
    }
    files = List.copyOf(byName);
    sourceProblem = sourceProblem == null ? Optional.empty() : sourceProblem;
  }

  /** A scene of tar bundles only. */
  public SceneEntry(SceneId id, List<BundleSource> bundles) {
    this(id, bundles, List.of(), Optional.empty());
  }

  /** A scene of single files only. */
  public static SceneEntry ofFiles(SceneId id, List<FileSource> files) {
    return new SceneEntry(id, List.of(), files, Optional.empty());
  }

  /** A scene the source described unusably; fetch-scene fails it with this cause. */
  public static SceneEntry unusable(SceneId id, String problem) {
    return new SceneEntry(id, List.of(), List.of(), Optional.of(problem));
  }

  public Optional<BundleSource> bundle(Bundle which) {
    return bundles.stream().filter(b -> b.bundle() == which).findFirst();
  }

  /** Total bytes of the bundles and files, or -1 when any size is unknown. */
  public long knownBytes() {
    ExpectedBytes e = ExpectedBytes.of(List.of(this));
    return e.complete() ? e.known() : -1;
  }

  /** Only the given bundles (tars, and files of those bundle folders). */
  public SceneEntry withBundles(Set<Bundle> keep) {
    return new SceneEntry(
        id,
        bundles.stream().filter(b -> keep.contains(b.bundle())).toList(),
        files.stream().filter(f -> keep.contains(f.bundle())).toList(),
        sourceProblem);
  }
}
