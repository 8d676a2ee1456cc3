package dev.scenelift.source;

import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Tile;
import java.io.IOException;
import java.util.List;

/** Lists the scenes a source holds for a tile, each with its bundles' URIs, md5s and sizes where known. */
public interface SceneCatalog {
  /** The tile's scenes, ordered by acquisition date then scene id, each scene once. */
  List<SceneEntry> list(Tile tile) throws IOException;
}
