package dev.scenelift.synthetic;

/**
 * The model of a horizontal strip of a scene, {@code rows} full rows from row {@code y0}: per pixel, what is there.
 * Every band of the scene is rendered from the same strip, so they agree pixel for pixel.
 */
final class Strip {
  static final byte FILL = 1;
  static final byte WATER = 2;
  static final byte CLOUD = 4;
  static final byte SHADOW = 8;
  static final byte SNOW = 16;
  /** Near a cloud's edge: not cloud, but the cloud test is less sure (medium confidence). */
  static final byte CLOUD_EDGE = 32;
  /** Steep high terrain hidden from the sensor (Landsat 8 flags it). */
  static final byte TERRAIN_OCCLUDED = 64;

  final int y0;
  final int rows;
  final int width;
  /** FILL, WATER, CLOUD, SHADOW, SNOW, CLOUD_EDGE, TERRAIN_OCCLUDED bits. */
  final byte[] flags;
  /** Which contributing scene (1 or 2); 0 on fill. */
  final byte[] lineage;
  /** Vegetation fraction 0..1 of land. */
  final float[] vegetation;
  /** Terrain height 0..1. */
  final float[] terrain;
  /** Cloud opacity 0..1 on cloud pixels. */
  final float[] cloudOpacity;

  Strip(int y0, int rows, int width) {
    this.y0 = y0;
    this.rows = rows;
    this.width = width;
    int n = rows * width;
    flags = new byte[n];
    lineage = new byte[n];
    vegetation = new float[n];
    terrain = new float[n];
    cloudOpacity = new float[n];
  }

  int pixels() {
    return rows * width;
  }
}
