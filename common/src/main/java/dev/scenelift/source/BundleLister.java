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

  /** The location bundle file names resolve against. */
  URI base();
}
