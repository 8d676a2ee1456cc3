package dev.scenelift.source;

import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Tile;
import java.io.IOException;
import java.util.List;

/** Lists the scenes a source holds for a tile, each with its bundles' URIs, md5s and sizes where known. */
public interface SceneCatalog {
  /**
   * The tile's scenes, ordered by acquisition date then scene id, each scene once. A source that makes its bundles
   * (the synthetic one) makes the missing ones first, so every bundle has its md5 and size.
   */
  List<SceneEntry> list(Tile tile) throws IOException;

  /**
   * The scenes {@link #list} would return, without side effects: nothing is generated, downloaded or written (what a
   * dry run shows). Bundles the source has not made yet have no md5 and size -1. Sources whose listing only reads
   * (folders, HTTP, S3) return the same as {@link #list}.
   */
  default List<SceneEntry> preview(Tile tile) throws IOException {
    return list(tile);
  }

  /** What listing found that the user should hear about (pages read, items skipped), one line each; after listing. */
  default List<String> notes() {
    return List.of();
  }

  /**
   * What the catalog itself says about its scenes' clouds (a STAC API's {@code eo:cloud_cover}), by scene, after
   * listing; empty for sources that say nothing.
   */
  default java.util.Map<dev.scenelift.scene.SceneId, dev.scenelift.catalog.CatalogCloud> catalogClouds() {
    return java.util.Map.of();
  }
}
