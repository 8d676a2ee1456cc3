package dev.scenelift.thumb;

import java.util.List;
import java.util.Objects;

/**
 * A scene's map preview: a small true-colour RGBA cloud-optimized GeoTIFF on the scene's own grid with coarser pixels,
 * which a web map draws before it has read the SR COGs.
 *
 * @param cog the file's bytes
 * @param width pixels across
 * @param height pixels down
 * @param transform its affine transform {a, b, c, d, e, f} (STAC {@code proj:transform} order)
 */
public record MapPreview(byte[] cog, int width, int height, List<Double> transform) {
  public MapPreview {
    Objects.requireNonNull(cog, "cog");
    transform = List.copyOf(transform);
    if (width <= 0 || height <= 0 || transform.size() != 6) {
      throw new IllegalArgumentException("a map preview needs a size and 6 transform values");
    }
  }
}
