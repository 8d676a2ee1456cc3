package dev.scenelift.collection;

import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;
import java.util.Locale;

/**
 * The three collections a tile's outputs form, as the 2017 layout had them: the full tile (every scene, as fetched),
 * the cloud-free set (copies of the scenes that pass the cloud-free rule) and the COG research set (cloud-optimized
 * GeoTIFFs of the scenes that pass the research rule). Each lives in its own tree of the {@link KeyLayout}: a prefix of
 * one bucket or a bucket of its own.
 */
public enum TileCollection {
  FULL("full", "Full tile", "every scene of the tile, as fetched"),
  CLOUD_FREE("cloud-free", "Cloud-free", "the scenes that pass the cloud-free rule, copied from the full tile"),
  COG_RESEARCH("cog-research", "COG research set", "cloud-optimized GeoTIFFs of the scenes that pass the research rule");

  private final String id;
  private final String title;
  private final String holds;

  TileCollection(String id, String title, String holds) {
    this.id = id;
    this.title = title;
    this.holds = holds;
  }

  /** The name in JSON documents and options, e.g. {@code cloud-free}. */
  public String id() {
    return id;
  }

  /** What pages call it, e.g. {@code Cloud-free}. */
  public String title() {
    return title;
  }

  /** One phrase saying what it holds. */
  public String holds() {
    return holds;
  }

  /** The tree of the layout that holds this collection. */
  public S3Location root(KeyLayout layout) {
    return switch (this) {
      case FULL -> layout.raw();
      case CLOUD_FREE -> layout.opt();
      case COG_RESEARCH -> layout.cog();
    };
  }

  public static TileCollection ofId(String id) {
    for (TileCollection c : values()) {
      if (c.id.equals(id.strip().toLowerCase(Locale.ROOT))) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown collection '" + id + "' (expected full, cloud-free or cog-research)");
  }
}
