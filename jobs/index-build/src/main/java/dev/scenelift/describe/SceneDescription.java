package dev.scenelift.describe;

import dev.scenelift.scene.SceneId;
import dev.scenelift.verdict.CloudVerdict;
import java.time.Instant;
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
 * @param datetime the acquisition as the metadata XML states it; empty when described without the XML (only the day
 *     from the scene id is known then)
 * @param sun the sun's position, when the XML declares solar angle bands and they could be read
 * @param metadataSource how the scene was described ({@link MetadataXml#source()})
 */
public record SceneDescription(
    SceneId scene,
    Optional<CloudVerdict> verdict,
    String wkt2,
    List<Integer> shape,
    List<Double> transform,
    List<SceneAsset> assets,
    Optional<Instant> datetime,
    Optional<SunAngles> sun,
    String metadataSource) {
  public SceneDescription {
    Objects.requireNonNull(scene, "scene");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(wkt2, "wkt2");
    shape = List.copyOf(shape);
    transform = List.copyOf(transform);
    assets = List.copyOf(assets);
    Objects.requireNonNull(datetime, "datetime");
    Objects.requireNonNull(sun, "sun");
    Objects.requireNonNull(metadataSource, "metadataSource");
    if (shape.size() != 2 || transform.size() != 6) {
      throw new IllegalArgumentException(scene + ": shape needs 2 values and transform 6");
    }
  }
}
