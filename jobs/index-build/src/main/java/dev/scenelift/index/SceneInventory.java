package dev.scenelift.index;

import dev.scenelift.scene.InvalidSceneIdException;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Groups a tile's raw and COG listings by scene folder: {@code <root>/<tile>/<scene-id>/...}. Folders whose name is
 * not a scene id of the tile (e.g. {@code thumbs/}) are not scenes.
 */
final class SceneInventory {
  private SceneInventory() {}

  /**
   * @param expected scenes that should exist (the run manifest's); those without objects come back as missing
   */
  static Map<SceneId, SceneInputs> of(
      KeyLayout layout, Tile tile, List<ListedObject> raw, List<ListedObject> cog, Collection<SceneId> expected) {
    Map<String, List<ListedObject>> rawBy = byScene(layout.tileDir(layout.raw(), tile), raw);
    Map<String, List<ListedObject>> cogBy = byScene(layout.tileDir(layout.cog(), tile), cog);
    Map<SceneId, SceneInputs> out = new TreeMap<>(java.util.Comparator.comparing(SceneId::toString));
    for (SceneId id : expected) {
      out.put(id, SceneInputs.missing(id));
    }
    java.util.Set<String> names = new java.util.TreeSet<>(rawBy.keySet());
    names.addAll(cogBy.keySet());
    for (String name : names) {
      SceneId id;
      try {
        id = SceneId.parse(name);
      } catch (InvalidSceneIdException e) {
        continue;
      }
      if (!id.tile().equals(tile)) {
        continue;
      }
      out.put(id, new SceneInputs(id, rawBy.getOrDefault(name, List.of()), cogBy.getOrDefault(name, List.of())));
    }
    return out;
  }

  /** The scenes of the tile that have a folder under {@code tileDir} in {@code objects}. */
  static java.util.Set<SceneId> folders(S3Location tileDir, List<ListedObject> objects) {
    java.util.Set<SceneId> out = new java.util.HashSet<>();
    for (String name : byScene(tileDir, objects).keySet()) {
      try {
        out.add(SceneId.parse(name));
      } catch (InvalidSceneIdException e) {
        // not a scene folder, e.g. thumbs/
      }
    }
    return out;
  }

  private static Map<String, List<ListedObject>> byScene(S3Location tileDir, List<ListedObject> objects) {
    Map<String, List<ListedObject>> by = new TreeMap<>();
    String prefix = tileDir.key();
    for (ListedObject o : objects) {
      if (!o.key().startsWith(prefix) || OutputNames.isOwnOutput(o.key())) {
        continue;
      }
      String rest = o.key().substring(prefix.length());
      int slash = rest.indexOf('/');
      if (slash > 0) {
        by.computeIfAbsent(rest.substring(0, slash), k -> new ArrayList<>()).add(o);
      }
    }
    return by;
  }
}
