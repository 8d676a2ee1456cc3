package dev.scenelift.index;

import dev.scenelift.collection.CollectionRules;
import dev.scenelift.collection.TileCollection;
import dev.scenelift.scene.Tile;
import dev.scenelift.store.S3Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bar of links at the top of every collection's pages: each collection of the tile with its rule, scene count and
 * its thumbindex.html and AAlist.html, linked from the page at hand ({@link OutputNames#href}: relative, or absolute
 * across buckets).
 */
final class CollectionNav {
  private final OutputNames names;
  private final List<CollectionPages> pages;
  private final CollectionRules rules;
  private final Map<TileCollection, Integer> counts;

  /** @param counts scenes per collection */
  CollectionNav(OutputNames names, Tile tile, CollectionRules rules, Map<TileCollection, Integer> counts) {
    this.names = names;
    this.pages = IndexPages.collections(names.layout(), tile);
    this.rules = rules;
    this.counts = Map.copyOf(counts);
  }

  List<CollectionPages> pages() {
    return pages;
  }

  String rule(TileCollection collection) {
    return rules.describe(collection);
  }

  /** The links as the page at {@code from}, which belongs to {@code current}, shows them. */
  List<Link> from(S3Location from, TileCollection current) {
    List<Link> out = new ArrayList<>();
    for (CollectionPages p : pages) {
      out.add(
          new Link(
              p.collection().id(),
              p.collection().title(),
              rules.describe(p.collection()),
              scenes(counts.getOrDefault(p.collection(), 0)),
              names.href(from, p.thumbIndex()),
              names.href(from, p.listing()),
              p.collection() == current));
    }
    return out;
  }

  private static String scenes(int n) {
    return n + (n == 1 ? " scene" : " scenes");
  }

  /**
   * One collection as the bar shows it.
   *
   * @param id e.g. {@code cloud-free}
   * @param title e.g. {@code Cloud-free}
   * @param rule its rule in words
   * @param scenes how many scenes it holds, in words ({@code 1 scene}, {@code 2357 scenes})
   * @param thumbIndexHref its thumbindex.html, from the page
   * @param listingHref its AAlist.html, from the page
   * @param current whether the page is this collection's
   */
  record Link(
      String id, String title, String rule, String scenes, String thumbIndexHref, String listingHref, boolean current) {}
}
