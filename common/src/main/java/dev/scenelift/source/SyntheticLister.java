package dev.scenelift.source;

import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import dev.scenelift.synthetic.SyntheticTiles;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;

/** The built-in source: generates (once) the tile's synthetic scenes, then lists them like a folder. */
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
    Set<SceneId> planned = Set.copyOf(folder.scenes());
    return new FolderLister(folder.dir())
        .rows(tile).stream().filter(r -> planned.contains(r.name().scene())).toList();
  }
}
