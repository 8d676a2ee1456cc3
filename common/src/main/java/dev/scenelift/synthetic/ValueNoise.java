package dev.scenelift.synthetic;

/**
 * Smooth 2-D value noise: random values on a square lattice, blended with a smoothstep. Deterministic in (seed, x, y),
 * so any block of a raster can be computed on its own, in any order.
 */
final class ValueNoise {
  private ValueNoise() {}

  /**
   * Adds {@code amplitude * noise} to one row of samples.
   *
   * @param out the row, {@code out[offset + i]} for i in [0, width)
   * @param x0 the coordinate of the row's first sample
   * @param y the row's coordinate in lattice-free units (5000-pixel tile units)
   * @param step the distance between two samples of the row, in the same units
   * @param cell the lattice spacing, in the same units
   */
  static void addRow(float[] out, int offset, int width, double x0, double y, double step, double cell,
      float amplitude, long seed) {
    double fy = y / cell;
    long iy = (long) Math.floor(fy);
    double ty = smooth(fy - iy);
    long cellX = Long.MIN_VALUE;
    double a = 0;
    double b = 0;
    for (int i = 0; i < width; i++) {
      double fx = (x0 + i * step) / cell;
      long ix = (long) Math.floor(fx);
      if (ix != cellX) {
        cellX = ix;
        double v00 = lattice(seed, ix, iy);
        double v01 = lattice(seed, ix, iy + 1);
        double v10 = lattice(seed, ix + 1, iy);
        double v11 = lattice(seed, ix + 1, iy + 1);
        a = v00 + (v01 - v00) * ty;
        b = v10 + (v11 - v10) * ty;
      }
      double tx = smooth(fx - ix);
      out[offset + i] += (float) (amplitude * (a + (b - a) * tx));
    }
  }

  /** Fractal noise: {@code octaves} layers, each half the cell and half the amplitude; result in [0, 1). */
  static void fractalRow(float[] out, int offset, int width, double x0, double y, double step, double cell,
      int octaves, long seed) {
    float total = 0;
    float amp = 1;
    for (int o = 0; o < octaves; o++) {
      total += amp;
      amp /= 2;
    }
    amp = 1 / total;
    double c = cell;
    for (int o = 0; o < octaves; o++) {
      addRow(out, offset, width, x0, y, step, c, amp, seed + 7919L * o);
      amp /= 2;
      c /= 2;
    }
  }

  /** A uniform value in [0, 1) for a lattice point. */
  static double lattice(long seed, long x, long y) {
    return (mix(seed ^ (x * 0x9E3779B97F4A7C15L) ^ (y * 0xC2B2AE3D27D4EB4FL)) >>> 40) / (double) (1 << 24);
  }

  /** A per-pixel hash in [-1, 1), for fine texture. */
  static float texture(long seed, int x, int y) {
    return (float) ((mix(seed ^ ((long) x << 32) ^ y) >>> 40) / (double) (1 << 23) - 1.0);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static double smooth(double t) {
    return t * t * (3 - 2 * t);
  }
}
