package dev.scenelift.testjobs;

import dev.scenelift.manifest.BundleSource;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.Collection;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Sensor;
import dev.scenelift.scene.Tile;
import dev.scenelift.source.SceneCatalog;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A catalog over a fixed list of scenes: the test's own source. Counts how often it was listed. */
public final class ListedCatalog implements SceneCatalog {
  public static final long BUNDLE_BYTES = 1_000_000;

  private final List<SceneEntry> scenes;
  private final AtomicInteger listings = new AtomicInteger();

  public ListedCatalog(List<SceneEntry> scenes) {
    this.scenes = List.copyOf(scenes);
  }

  @Override
  public List<SceneEntry> list(Tile tile) {
    listings.incrementAndGet();
    return scenes;
  }

  public int listings() {
    return listings.get();
  }

  /** n Landsat 8 C1 scenes of the tile, one every 16 days from 2013-04-14, with four 1 MB bundles each. */
  public static List<SceneEntry> scenes(Tile tile, int n) {
    return scenes(tile, n, Sensor.LC08, LocalDate.of(2013, 4, 14), 16);
  }

  public static List<SceneEntry> scenes(Tile tile, int n, Sensor sensor, LocalDate first, int everyDays) {
    List<SceneEntry> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      LocalDate acquired = first.plusDays((long) i * everyDays);
      SceneId id = new SceneId(sensor, "CU", tile, acquired, acquired.plusYears(4), Collection.C1);
      out.add(entry(id));
    }
    return out;
  }

  public static SceneEntry entry(SceneId id) {
    List<BundleSource> bundles = new ArrayList<>();
    for (Bundle b : Bundle.of(Collection.C1)) {
      bundles.add(
          new BundleSource(b, URI.create("file:///nowhere/" + id + "_" + b + ".tar"), Optional.empty(), BUNDLE_BYTES));
    }
    return new SceneEntry(id, bundles);
  }
}
