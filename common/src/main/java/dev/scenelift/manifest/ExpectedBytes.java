package dev.scenelift.manifest;

import java.util.Collection;
import java.util.Locale;
import java.util.stream.LongStream;

/**
 * What a run's sources hold as far as their catalog says: the sum of the sizes it gives, over how many source objects
 * (tar bundles and single files), and for how many it gives no size (a STAC asset without {@code file:size}).
 *
 * @param known the bytes of the objects whose size is known
 * @param objects the source objects
 * @param unsized the objects of unknown size
 */
public record ExpectedBytes(long known, int objects, int unsized) {
  public ExpectedBytes {
    if (known < 0 || objects < 0 || unsized < 0 || unsized > objects) {
      throw new IllegalArgumentException(
          "expected bytes need known >= 0 and 0 <= unsized <= objects, got " + known + ", " + objects + ", " + unsized);
    }
  }

  public static ExpectedBytes of(Collection<SceneEntry> scenes) {
    long known = 0;
    int objects = 0;
    int unsized = 0;
    for (SceneEntry e : scenes) {
      long[] sizes = LongStream.concat(
          e.bundles().stream().mapToLong(BundleSource::size), e.files().stream().mapToLong(FileSource::size))
          .toArray();
      for (long size : sizes) {
        objects++;
        if (size < 0) {
          unsized++;
        } else {
          known += size;
        }
      }
    }
    return new ExpectedBytes(known, objects, unsized);
  }

  /** Whether every object's size is known. */
  public boolean complete() {
    return unsized == 0;
  }

  /**
   * In words: {@code 1.2 GB}; {@code 1.2 GB from the 12 of 15 source objects that give their size, 3 unknown}; or
   * {@code unknown: none of the 15 source objects gives its size}.
   */
  public String describe() {
    if (unsized == 0) {
      return bytes(known);
    }
    if (unsized == objects) {
      return "unknown: none of the " + objects + " source objects gives its size";
    }
    return bytes(known) + " from the " + (objects - unsized) + " of " + objects
        + " source objects that give their size, " + unsized + " unknown";
  }

  /** A byte count for people: {@code 734 B}, {@code 30.6 kB}, {@code 1.2 GB}. */
  public static String bytes(long bytes) {
    if (bytes < 0) {
      return "unknown";
    }
    String[] units = {"B", "kB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = 0;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
