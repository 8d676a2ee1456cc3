package dev.scenelift.stac;

import dev.scenelift.describe.RasterGrid;
import java.util.Objects;

/**
 * An item's map preview asset: a small true-colour COG over the scene's extent with coarser pixels.
 *
 * @param href relative to the item
 * @param grid its own pixel grid (the item's CRS, its shape and transform)
 */
public record MapPreviewAsset(String href, RasterGrid grid) {
  public static final String KEY = "map_preview";
  public static final String TYPE = "image/tiff; application=geotiff; profile=cloud-optimized";

  public MapPreviewAsset {
    Objects.requireNonNull(href, "href");
    Objects.requireNonNull(grid, "grid");
  }
}
