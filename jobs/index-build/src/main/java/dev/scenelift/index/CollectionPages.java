package dev.scenelift.index;

import dev.scenelift.collection.TileCollection;
import dev.scenelift.store.S3Location;
import java.util.List;
import java.util.Objects;

/**
 * The pages of one collection of a tile: its {@code thumbs/thumbindex.html}, {@code thumbs/map.html} and its top
 * {@code AAlist.html}. {@link
 * IndexPages#collections} is the one place that enumerates them; pages link to the other collections' through it.
 *
 * @param collection which
 * @param thumbIndex {@code <root>/<tile>/thumbs/thumbindex.html}
 * @param map {@code <root>/<tile>/thumbs/map.html}
 * @param listing {@code <root>/AAlist.html}
 */
public record CollectionPages(TileCollection collection, S3Location thumbIndex, S3Location map, S3Location listing) {
  public CollectionPages {
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(thumbIndex, "thumbIndex");
    Objects.requireNonNull(map, "map");
    Objects.requireNonNull(listing, "listing");
  }

  /** Every page of the collection, in the order a summary prints them. */
  public List<S3Location> all() {
    return List.of(thumbIndex, map, listing);
  }
}
