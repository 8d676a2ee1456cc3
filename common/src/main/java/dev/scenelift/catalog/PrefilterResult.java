package dev.scenelift.catalog;

import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.SceneId;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * What {@link CatalogPrefilter} kept and dropped.
 *
 * @param maxCloud the threshold, percent
 * @param kept the scenes to fetch, in input order (including those without a catalog value)
 * @param dropped the scenes the catalog says are too cloudy, with the value that dropped them
 * @param unknown scenes the catalog has no value for; kept, never dropped on missing data
 * @param bytesSaved the dropped scenes' bundle bytes, when every dropped size is known
 */
public record PrefilterResult(
    double maxCloud,
    List<SceneEntry> kept,
    List<CatalogCloud> dropped,
    List<SceneId> unknown,
    OptionalLong bytesSaved) {
  public PrefilterResult {
    kept = List.copyOf(kept);
    dropped = List.copyOf(dropped);
    unknown = List.copyOf(unknown);
  }

  /** One line for {@code --dry-run}, e.g. {@code prefilter cloud <= 10%: kept 601 of 2357 scenes, dropped 1756, ...}. */
  public String summary() {
    int total = kept.size() + dropped.size();
    return String.format(
        Locale.ROOT,
        "prefilter catalog cloud <= %s%%: kept %d of %d scenes, dropped %d, %d without a catalog value kept; saves %s",
        stripZeros(maxCloud),
        kept.size(),
        total,
        dropped.size(),
        unknown.size(),
        bytesSaved.isPresent() ? humanBytes(bytesSaved.getAsLong()) : "unknown bytes (sizes not known)");
  }

  private static String stripZeros(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  static String humanBytes(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return u == 0
        ? bytes + " B"
        : String.format(Locale.ROOT, "%.1f %s (%d bytes)", v, units[u], bytes);
  }
}
