package dev.scenelift.source;

import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.BundleName;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import dev.scenelift.synthetic.SyntheticTiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The built-in source: generates (once) the tile's synthetic scenes, then lists them like a folder. Its preview
 * generates nothing: scenes already in the cache are listed as they are, the others with the bundle files they will
 * have, no md5 and an unknown size.
 */
final class SyntheticLister implements BundleLister {
  private final SyntheticTiles tiles;
  private final int count;

  SyntheticLister(SyntheticTiles tiles, int count) {
    this.tiles = tiles;
    this.count = count;
  }

  @Override
  public URI base() {
    return tiles.root().toUri();
  }

  @Override
  public List<BundleRow> rows(Tile tile) throws IOException {
    SyntheticTiles.Folder folder = tiles.ensure(tile, count);
    return listed(tile, folder, Set.copyOf(folder.scenes()));
  }

  @Override
  public List<BundleRow> previewRows(Tile tile) throws IOException {
    SyntheticTiles.Folder folder = tiles.preview(tile, count);
    List<BundleRow> rows = new ArrayList<>(listed(tile, folder, folder.generated()));
    for (SceneId id : folder.scenes()) {
      if (!folder.generated().contains(id)) {
        for (Bundle b : Bundle.of(tiles.collection())) {
          BundleName name = BundleName.of(id, b);
          URI uri = folder.dir().resolve(name.toString()).toUri();
          rows.add(new BundleRow(name, uri, Optional.empty(), -1, "synthetic (not generated yet)"));
        }
      }
    }
    return rows;
  }

  /** The folder's rows of these scenes (none when the folder does not exist yet). */
  private static List<BundleRow> listed(Tile tile, SyntheticTiles.Folder folder, Set<SceneId> scenes)
      throws IOException {
    if (scenes.isEmpty() || !Files.isDirectory(folder.dir())) {
      return List.of();
    }
    return new FolderLister(folder.dir())
        .rows(tile).stream().filter(r -> scenes.contains(r.name().scene())).toList();
  }
}
