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
 * @param grid the scene's main grid: its surface reflectance rasters' when readable, else its first readable
 *     raster's, else the ARD tile grid; assets on another grid say so in {@link SceneAsset#grid()}
 * @param assets the scene's rasters
 * @param datetime the acquisition as the metadata XML states it; empty when described without the XML (only the day
 *     from the scene id is known then)
 * @param sun the sun's position, when the XML declares solar angle bands and they could be read
 * @param metadataSource how the scene was described ({@link MetadataXml#source()})
 */
public record SceneDescription(
    SceneId scene,
    Optional<CloudVerdict> verdict,
    RasterGrid grid,
    List<SceneAsset> assets,
    Optional<Instant> datetime,
    Optional<SunAngles> sun,
    String metadataSource) {
  public SceneDescription {
    Objects.requireNonNull(scene, "scene");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(grid, "grid");
    assets = List.copyOf(assets);
    Objects.requireNonNull(datetime, "datetime");
    Objects.requireNonNull(sun, "sun");
    Objects.requireNonNull(metadataSource, "metadataSource");
  }
}
