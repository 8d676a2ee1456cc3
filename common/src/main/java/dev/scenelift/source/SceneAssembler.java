package dev.scenelift.source;

import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups bundle rows into one {@link SceneEntry} per scene of the tile.
 *
 * <p>Rows of other tiles are skipped with a warning: a bulk-download folder or bucket prefix may hold several tiles,
 * and only the asked tile is wanted. (A scene <em>list</em> naming another tile is an error instead; see
 * {@link SceneListRestriction}.) Two rows of the same bundle are merged into one: a plain tar wins over a tar.gz of
 * the same bundle, a known md5 or size fills in an unknown one, and two different md5s for one file are an error.
 */
final class SceneAssembler {
  private static final Logger LOG = LoggerFactory.getLogger(SceneAssembler.class);

  private final String sourceName;

  SceneAssembler(String sourceName) {
    this.sourceName = sourceName;
  }

  List<SceneEntry> assemble(Tile tile, List<BundleRow> rows) {
    Map<SceneId, Map<Bundle, BundleRow>> scenes = new TreeMap<>(Comparator.comparing(SceneId::toString));
    Map<Tile, Integer> otherTiles = new TreeMap<>(Comparator.comparing(Tile::toString));
    for (BundleRow row : rows) {
      SceneId id = row.name().scene();
      if (!id.tile().equals(tile)) {
        otherTiles.merge(id.tile(), 1, Integer::sum);
        continue;
      }
      scenes.computeIfAbsent(id, k -> new EnumMap<>(Bundle.class)).merge(row.name().bundle(), row, this::merge);
    }
    otherTiles.forEach(
        (t, n) -> LOG.warn("{}: skipped {} bundle(s) of tile {} (listing tile {})", sourceName, n, t, tile));
    List<SceneEntry> out = new ArrayList<>();
    scenes.forEach(
        (id, bundles) -> out.add(new SceneEntry(id, bundles.values().stream().map(BundleRow::toSource).toList())));
    out.sort(SceneOrder.ACQUIRED_THEN_ID);
    return out;
  }

  private BundleRow merge(BundleRow a, BundleRow b) {
    boolean sameFile = a.uri().equals(b.uri());
    if (!sameFile && a.name().gzip() != b.name().gzip()) {
      BundleRow tar = a.name().gzip() ? b : a;
      LOG.warn("{}: {} exists as tar and tar.gz; using {}", sourceName, tar.name().scene() + "_" + tar.name().bundle(),
          tar.uri());
      return tar;
    }
    Optional<String> md5 = a.md5().or(b::md5);
    if (a.md5().isPresent() && b.md5().isPresent() && !a.md5().equals(b.md5())) {
      throw new ConflictingListingException(
          a.name()
              + ": md5 "
              + a.md5().get()
              + " ("
              + a.origin()
              + ") disagrees with "
              + b.md5().get()
              + " ("
              + b.origin()
              + ")");
    }
    long size = a.size() >= 0 ? a.size() : b.size();
    return new BundleRow(a.name(), a.uri(), md5, size, a.origin());
  }
}
