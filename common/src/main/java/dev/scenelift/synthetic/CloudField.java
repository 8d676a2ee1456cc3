package dev.scenelift.synthetic;

import java.util.Arrays;

/**
 * Finds the cloud threshold that gives a scene the cloud cover it was drawn with: the {@code 1 - cover} quantile of
 * the scene's cloud field, sampled on a grid over its non-fill ground. The field is the one {@link PixelModel} renders
 * (same seed, cell and octaves), so the cover counted from the PIXELQA band lands near the target at any raster size.
 */
final class CloudField {
  static final double CELL = 700;
  static final int OCTAVES = 4;
  private static final int SAMPLES = 200;
  private static final double TILE_UNITS = 5000;

  private CloudField() {}

  /** The field's seed for a scene seed. */
  static long seed(long sceneSeed) {
    return sceneSeed + 31;
  }

  /**
   * @param recipe the scene (its cloud threshold is ignored)
   * @param coverPercent the wanted percent of non-fill pixels under cloud, 0–100
   */
  static double thresholdFor(SceneRecipe recipe, double coverPercent) {
    PixelModel model = new PixelModel(recipe, SAMPLES);
    double step = TILE_UNITS / SAMPLES;
    float[] row = new float[SAMPLES];
    float[] ground = new float[SAMPLES * SAMPLES];
    int n = 0;
    for (int y = 0; y < SAMPLES; y++) {
      double ty = (y + 0.5) * step;
      Arrays.fill(row, 0);
      ValueNoise.fractalRow(row, 0, SAMPLES, step / 2, ty, step, CELL, OCTAVES, seed(recipe.seed()));
      for (int x = 0; x < SAMPLES; x++) {
        if (!model.isFill((x + 0.5) * step, ty)) {
          ground[n++] = row[x];
        }
      }
    }
    if (n == 0) {
      return 1;
    }
    float[] values = Arrays.copyOf(ground, n);
    Arrays.sort(values);
    int clear = (int) Math.round((1 - coverPercent / 100) * n);
    if (clear >= n) {
      return 1; // the field stays below 1: no cloud
    }
    return clear == 0 ? values[0] - 1e-6 : (values[clear - 1] + values[clear]) / 2.0;
  }
}
