package dev.scenelift.index;

import dev.scenelift.scene.Tile;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;
import java.util.List;

/**
 * The pages a person opens after a run, for a summary to print (e.g. through {@link BucketGateway#url}): the tile's
 * thumbindex.html and map.html, then the AAlist.html of the raw, opt and cog prefixes.
 */
public final class IndexPages {
  private IndexPages() {}

  public static List<S3Location> of(KeyLayout layout, Tile tile) {
    OutputNames names = new OutputNames(layout);
    return List.of(
        names.thumbIndex(tile),
        names.mapPage(layout.raw(), tile),
        layout.raw().resolve(OutputNames.LISTING_PAGE),
        layout.opt().resolve(OutputNames.LISTING_PAGE),
        layout.cog().resolve(OutputNames.LISTING_PAGE));
  }

  /** The root STAC catalog, the document a STAC browser or client starts from. */
  public static S3Location stacCatalog(KeyLayout layout) {
    return new OutputNames(layout).stacCatalog();
  }
}
