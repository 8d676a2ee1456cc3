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

  SceneRecipe withCloudThreshold(double value) {
    return new SceneRecipe(id, seed, produced, fillSide, fillEdge, value, shadowDx, shadowDy, snowLine, greenness,
        sceneCount, wrsPath, wrsRow);
  }

  /**
   * What the cache compares to decide whether a generated scene is still this recipe's: the generator version and
   * every field.
   */
  String stamp() {
    return "generator " + SyntheticTiles.GENERATOR_VERSION + "\n" + this + "\n";
  }

  Sensor sensor() {
    return id.sensor();
  }

  /** The WRS-2 row of the {@code index}-th (from 1) contributing scene: the scenes of a tile are consecutive rows. */
  int wrsRow(int index) {
    return wrsRow + index - 1;
  }

  /** {@code PPPRRR} of the {@code index}-th contributing scene. */
  String pathRow(int index) {
    return String.format(java.util.Locale.ROOT, "%03d%03d", wrsPath, wrsRow(index));
  }

  /** The Level-1 scene id of the {@code index}-th contributing scene, e.g. {@code LC80460282021169LGN00}. */
  String landsatSceneId(int index) {
    String s = sensor().name();
    return s.charAt(0) + "" + s.charAt(1) + s.charAt(3) + pathRow(index) + id.acquired().getYear()
        + String.format(java.util.Locale.ROOT, "%03d", id.acquired().getDayOfYear())
        + (sensor().isOli() ? "LGN00" : "EDC00");
  }
}
