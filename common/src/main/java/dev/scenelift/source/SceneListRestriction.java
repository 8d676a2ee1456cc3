package dev.scenelift.source;

import dev.scenelift.manifest.MalformedListException;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.BundleName;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@code --scene-list} does to a source's rows: keeps only the scenes (or bundles) it names, lends its md5s
 * to rows that have none, and, for a source that cannot list itself, names the rows outright.
 *
 * <p>A listed scene of another tile is an error naming the list line, the scene and both tiles: a list is written for
 * one tile, so a stray scene means the wrong list.
 */
final class SceneListRestriction {
  private static final Logger LOG = LoggerFactory.getLogger(SceneListRestriction.class);

  private final Path file;
  private final Set<SceneId> wholeScenes = new LinkedHashSet<>();
  private final Map<SceneId, Set<Bundle>> bundles = new HashMap<>();
  private final Map<SceneId, Map<Bundle, ListedScene>> byBundle = new HashMap<>();
  private final List<ListedScene> distinct = new ArrayList<>();

  SceneListRestriction(Path file, Tile tile, List<ListedScene> listed) {
    this.file = file;
    Set<String> seen = new HashSet<>();
    for (ListedScene s : listed) {
      if (!s.scene().tile().equals(tile)) {
        throw new MalformedListException(
            file.toString(),
            s.line(),
            "scene " + s.scene() + " is of tile " + s.scene().tile() + ", but the run is for tile " + tile);
      }
      String key = s.scene() + "/" + s.bundle().map(Bundle::name).orElse("*") + "/" + s.fileName().orElse("");
      if (!seen.add(key)) {
        continue;
      }
      distinct.add(s);
      if (s.bundle().isEmpty()) {
        wholeScenes.add(s.scene());
      } else {
        bundles.computeIfAbsent(s.scene(), k -> new HashSet<>()).add(s.bundle().get());
        byBundle.computeIfAbsent(s.scene(), k -> new HashMap<>()).putIfAbsent(s.bundle().get(), s);
      }
    }
  }

  /** The source's rows the list names, with the list's md5s where the source has none. */
  List<BundleRow> restrict(List<BundleRow> rows) {
    List<BundleRow> out = new ArrayList<>();
    Set<String> found = new HashSet<>();
    for (BundleRow row : rows) {
      SceneId id = row.name().scene();
      Bundle b = row.name().bundle();
      boolean named = wholeScenes.contains(id) || bundles.getOrDefault(id, Set.of()).contains(b);
      if (!named) {
        continue;
      }
      found.add(id + "/" + b);
      found.add(id + "/*");
      Optional<ListedScene> listed = Optional.ofNullable(byBundle.getOrDefault(id, Map.of()).get(b));
      Optional<String> listedMd5 = listed.flatMap(ListedScene::md5);
      if (row.md5().isPresent() && listedMd5.isPresent() && !row.md5().equals(listedMd5)) {
        throw new ConflictingListingException(
            row.name()
                + ": md5 "
                + row.md5().get()
                + " ("
                + row.origin()
                + ") disagrees with "
                + listedMd5.get()
                + " ("
                + file
                + ":"
                + listed.get().line()
                + ")");
      }
      out.add(row.md5().isPresent() ? row : row.withMd5(listedMd5));
    }
    List<String> missing = new ArrayList<>();
    for (ListedScene s : distinct) {
      String key = s.scene() + "/" + s.bundle().map(Bundle::name).orElse("*");
      if (!found.contains(key)) {
        missing.add(s.fileName().orElse(s.scene().toString()));
      }
    }
    if (!missing.isEmpty()) {
      LOG.warn(
          "{}: {} listed scene(s)/bundle(s) are not in the source, e.g. {}",
          file,
          missing.size(),
          missing.subList(0, Math.min(3, missing.size())));
    }
    return out;
  }

  /** Rows named by the list alone, at {@code base + file name}: for sources that cannot list themselves. */
  List<BundleRow> rowsAt(URI base) {
    List<BundleRow> out = new ArrayList<>();
    for (ListedScene s : distinct) {
      String origin = file + ":" + s.line();
      if (s.bundle().isPresent()) {
        BundleName name = BundleName.parse(s.fileName().orElse(BundleName.of(s.scene(), s.bundle().get()).toString()));
        out.add(new BundleRow(name, base.resolve(name.toString()), s.md5(), -1, origin));
      } else {
        for (Bundle b : Bundle.of(s.scene().collection())) {
          BundleName name = BundleName.of(s.scene(), b);
          out.add(new BundleRow(name, base.resolve(name.toString()), Optional.empty(), -1, origin));
        }
      }
    }
    return out;
  }
}
