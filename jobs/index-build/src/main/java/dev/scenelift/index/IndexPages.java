package dev.scenelift.index;

import dev.scenelift.collection.TileCollection;
import dev.scenelift.scene.Tile;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;
import java.util.Arrays;
import java.util.List;

/**
 * The pages a person opens after a run, for a summary to print (e.g. through {@link BucketGateway#url}): per
 * collection (full tile, cloud-free, COG research set) its thumbindex.html, map.html and AAlist.html.
 */
public final class IndexPages {
  private IndexPages() {}

  /** Each collection's pages, in {@link TileCollection} order. */
  public static List<CollectionPages> collections(KeyLayout layout, Tile tile) {
    OutputNames names = new OutputNames(layout);
    return Arrays.stream(TileCollection.values())
        .map(c -> new CollectionPages(c, names.thumbIndex(c, tile), names.mapPage(c.root(layout), tile), names.listing(c)))
        .toList();
  }

  /** Every page of {@link #collections}, flattened. */
  public static List<S3Location> of(KeyLayout layout, Tile tile) {
    return collections(layout, tile).stream().flatMap(p -> p.all().stream()).toList();
  }

  /** The root STAC catalog, the document a STAC browser or client starts from. */
  public static S3Location stacCatalog(KeyLayout layout) {
    return new OutputNames(layout).stacCatalog();
  }
}
