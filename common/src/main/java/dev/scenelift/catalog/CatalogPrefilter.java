package dev.scenelift.catalog;

import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.SceneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Drops scenes whose catalog cloud cover is above a threshold, before anything is fetched ({@code submit-run
 * --prefilter-max-cloud P}). A scene matches its catalog value by full id, or else by acquisition (sensor, region,
 * tile, date) when the catalog lists another production of the same acquisition. Scenes without a catalog value are
 * kept.
 */
public final class CatalogPrefilter {
  private CatalogPrefilter() {}

  /**
   * Applies the filter.
   *
   * @param scenes the planned scenes
   * @param catalog catalog values by scene (e.g. {@link EarthExplorerCsvReader#catalogClouds})
   * @param maxCloud keep scenes whose catalog cloud cover is at most this percent
   */
  public static PrefilterResult apply(List<SceneEntry> scenes, Map<SceneId, CatalogCloud> catalog, double maxCloud) {
    if (!(maxCloud >= 0 && maxCloud <= 100)) {
      throw new IllegalArgumentException("--prefilter-max-cloud must be a percentage in [0, 100], got " + maxCloud);
    }
    Map<String, CatalogCloud> byAcquisition = new HashMap<>();
    for (CatalogCloud c : catalog.values()) {
      byAcquisition.merge(c.scene().acquisitionKey(), c, (a, b) -> a.scene().produced().isAfter(b.scene().produced()) ? a : b);
    }
    List<SceneEntry> kept = new ArrayList<>();
    List<CatalogCloud> dropped = new ArrayList<>();
    List<SceneId> unknown = new ArrayList<>();
    long saved = 0;
    boolean sizesKnown = true;
    for (SceneEntry e : scenes) {
      CatalogCloud c = catalog.get(e.id());
      if (c == null) {
        c = byAcquisition.get(e.id().acquisitionKey());
      }
      if (c == null) {
        unknown.add(e.id());
        kept.add(e);
      } else if (c.cloudCover() > maxCloud) {
        dropped.add(c);
        long b = e.knownBytes();
        if (b < 0 || e.bundles().isEmpty()) {
          sizesKnown = false;
        } else {
          saved += b;
        }
      } else {
        kept.add(e);
      }
    }
    return new PrefilterResult(
        maxCloud, kept, dropped, unknown, sizesKnown ? OptionalLong.of(saved) : OptionalLong.empty());
  }
}
