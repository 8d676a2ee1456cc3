package dev.scenelift.synthetic;

/**
 * What a synthetic scene shows where: terrain, water, vegetation, snow, clouds with their shadows offset away from the
 * sun, a slanted swath edge of fill, and which of two Level-1 scenes each pixel came from. Fields are computed in
 * 5000-pixel tile units, so a smaller {@code --synthetic-size} shows the same scene, coarser.
 */
final class PixelModel {
  private static final double TILE_UNITS = 5000;
  /** The swath edge leans like a descending Landsat path across the Albers grid. */
  private static final double EDGE_SLOPE = -0.21;

  private static final double WATER_LEVEL = 0.31;
  private static final double CLOUD_EDGE_WIDTH = 0.03;
  private static final double OCCLUDED_ABOVE = 0.86;

  private final SceneRecipe recipe;
  private final int size;
  private final double step;

  PixelModel(SceneRecipe recipe, int size) {
    this.recipe = recipe;
    this.size = size;
    this.step = TILE_UNITS / size;
  }

  Strip strip(int y0, int rows) {
    Strip s = new Strip(y0, rows, size);
    fill(s, 0, rows);
    return s;
  }

  /** Computes rows [from, to) of a strip; disjoint ranges of one strip may be computed concurrently. */
  void fill(Strip s, int from, int to) {
    int y0 = s.y0;
    float[] cloud = new float[size];
    float[] shadowCloud = new float[size];
    long seed = recipe.seed();
    // Terrain and water do not change between acquisitions of the tile: they share a tile seed.
    long tileSeed = recipe.id().tile().h() * 7_368_787L + recipe.id().tile().v() * 2_750_159L;
    for (int r = from; r < to; r++) {
      int y = y0 + r;
      double ty = y * step;
      int off = r * size;
      ValueNoise.fractalRow(s.terrain, off, size, 0, ty, step, 1400, 4, tileSeed);
      ValueNoise.fractalRow(s.vegetation, off, size, 0, ty, step, 500, 3, tileSeed + 17);
      java.util.Arrays.fill(cloud, 0);
      java.util.Arrays.fill(shadowCloud, 0);
      ValueNoise.fractalRow(cloud, 0, size, 0, ty, step, 700, 4, seed + 31);
      ValueNoise.fractalRow(
          shadowCloud, 0, size, -recipe.shadowDx(), ty - recipe.shadowDy(), step, 700, 4, seed + 31);
      for (int x = 0; x < size; x++) {
        int i = off + x;
        double tx = x * step;
        if (isFill(tx, ty)) {
          s.flags[i] = Strip.FILL;
          continue;
        }
        s.lineage[i] = (byte) (recipe.sceneCount() == 2 && ty > lineageBoundary(tx) ? 2 : 1);
        float t = s.terrain[i];
        byte f = 0;
        if (cloud[x] > recipe.cloudThreshold()) {
          f |= Strip.CLOUD;
          s.cloudOpacity[i] = (float) Math.min(1, 0.55 + (cloud[x] - recipe.cloudThreshold()) * 6);
        } else if (shadowCloud[x] > recipe.cloudThreshold()) {
          f |= Strip.SHADOW;
        } else if (t < WATER_LEVEL) {
          f |= Strip.WATER;
        } else if (t > recipe.snowLine()) {
          f |= Strip.SNOW;
        }
        if ((f & Strip.CLOUD) == 0 && cloud[x] > recipe.cloudThreshold() - CLOUD_EDGE_WIDTH) {
          f |= Strip.CLOUD_EDGE;
        }
        if (t > OCCLUDED_ABOVE && (f & Strip.CLOUD) == 0) {
          f |= Strip.TERRAIN_OCCLUDED;
        }
        // vegetation: more in the lowlands, scaled by the season
        s.vegetation[i] =
            (float) Math.max(0, Math.min(1, (s.vegetation[i] * 1.6 - 0.3 - (t - 0.5)) * recipe.greenness()));
        s.flags[i] = f;
      }
    }
  }

  private boolean isFill(double x, double y) {
    if (recipe.fillSide() == 0) {
      return false;
    }
    double mid = TILE_UNITS / 2;
    if (recipe.fillSide() < 0) {
      return x < recipe.fillEdge() * TILE_UNITS + EDGE_SLOPE * (y - mid);
    }
    return x > (1 - recipe.fillEdge()) * TILE_UNITS + EDGE_SLOPE * (y - mid);
  }

  private double lineageBoundary(double x) {
    return TILE_UNITS * (0.3 + 0.4 * recipe.fillEdge()) + 0.06 * (x - TILE_UNITS / 2);
  }
}
