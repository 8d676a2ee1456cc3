package dev.scenelift.describe;

import dev.scenelift.scene.SceneId;
import dev.scenelift.verdict.CloudVerdict;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the STAC and eo3 writers say about one scene.
 *
 * @param scene the scene (sensor, tile, dates)
 * @param verdict cloud-filter's verdict, when it exists
 * @param wkt2 the grid's CRS as WKT2
 * @param shape rows, columns
 * @param transform the affine transform {a, b, c, d, e, f} as STAC {@code proj:transform} orders it
 * @param assets the scene's rasters
 */
public record SceneDescription(
    SceneId scene,
    Optional<CloudVerdict> verdict,
    String wkt2,
    List<Integer> shape,
    List<Double> transform,
    List<SceneAsset> assets) {
  public SceneDescription {
    Objects.requireNonNull(scene, "scene");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(wkt2, "wkt2");
    shape = List.copyOf(shape);
    transform = List.copyOf(transform);
    assets = List.copyOf(assets);
    if (shape.size() != 2 || transform.size() != 6) {
      throw new IllegalArgumentException(scene + ": shape needs 2 values and transform 6");
    }
  }
}
