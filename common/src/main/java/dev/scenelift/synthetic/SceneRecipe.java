package dev.scenelift.synthetic;

import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Sensor;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * Everything that makes one synthetic scene what it is, drawn once from the plan's seed.
 *
 * @param id the scene id (sensor, tile, acquisition and production dates)
 * @param seed seeds every noise field of the scene
 * @param produced when the ARD tile was produced (date and time)
 * @param fillSide -1 fill on the left of a slanted swath edge, +1 on the right, 0 no fill
 * @param fillEdge where the swath edge crosses the tile's top, as a fraction of its width
 * @param cloudThreshold cloud where the cloud field exceeds this (higher: fewer clouds)
 * @param shadowDx shadow offset from its cloud, in 5000-pixel units (east positive)
 * @param shadowDy shadow offset from its cloud, in 5000-pixel units (south positive)
 * @param snowLine snow above this terrain height (winter lower)
 * @param greenness 0..1 seasonal vegetation vigour
 * @param sceneCount 1 or 2 contributing Level-1 scenes
 * @param wrsPath WRS-2 path of the contributing scenes
 * @param wrsRow WRS-2 row of the first contributing scene
 */
record SceneRecipe(
    SceneId id,
    long seed,
    LocalDateTime produced,
    int fillSide,
    double fillEdge,
    double cloudThreshold,
    double shadowDx,
    double shadowDy,
    double snowLine,
    double greenness,
    int sceneCount,
    int wrsPath,
    int wrsRow) {
  SceneRecipe {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(produced, "produced");
    if (sceneCount < 1 || sceneCount > 2) {
      throw new IllegalArgumentException("sceneCount must be 1 or 2");
    }
  }

  Sensor sensor() {
    return id.sensor();
  }
}
