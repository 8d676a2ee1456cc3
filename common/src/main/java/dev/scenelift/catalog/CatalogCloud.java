package dev.scenelift.catalog;

import dev.scenelift.scene.SceneId;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What a catalog (EarthExplorer export, STAC item) says about a scene's clouds before anything is fetched.
 *
 * @param scene the scene
 * @param cloudCover cloud percent of the non-fill pixels
 * @param fill fill (no data) percent of the tile, when the catalog gives it
 * @param source where the value came from, e.g. {@code earthexplorer-csv:h03v03-earthexplorer-metadata.csv}
 */
public record CatalogCloud(SceneId scene, double cloudCover, OptionalDouble fill, String source) {
  public CatalogCloud {
    Objects.requireNonNull(scene, "scene");
    Objects.requireNonNull(fill, "fill");
    Objects.requireNonNull(source, "source");
    if (!(cloudCover >= 0 && cloudCover <= 100)) {
      throw new IllegalArgumentException(scene + ": catalog cloud cover " + cloudCover + " is not a percentage");
    }
    if (fill.isPresent() && !(fill.getAsDouble() >= 0 && fill.getAsDouble() <= 100)) {
      throw new IllegalArgumentException(scene + ": catalog fill " + fill.getAsDouble() + " is not a percentage");
    }
  }
}
