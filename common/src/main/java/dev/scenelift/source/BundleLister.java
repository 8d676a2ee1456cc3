package dev.scenelift.source;

import dev.scenelift.scene.Tile;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/** Lists the bundle rows one kind of source holds for a tile (rows of other tiles may come along). */
interface BundleLister {
  /**
   * @throws MissingListingException when the source has no listing for the tile (a scene list must name the scenes)
   * @throws SourceUnavailableException when the source cannot be read
   */
  List<BundleRow> rows(Tile tile) throws IOException;

  /**
   * The rows {@link #rows} would give, with no side effects (see {@link SceneCatalog#preview}); the same for a
   * lister that only reads.
   */
  default List<BundleRow> previewRows(Tile tile) throws IOException {
    return rows(tile);
  }

  /** The location bundle file names resolve against. */
  URI base();
}
