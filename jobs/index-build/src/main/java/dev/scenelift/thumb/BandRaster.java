package dev.scenelift.thumb;

import java.util.OptionalDouble;

/**
 * One band read at reduced resolution.
 *
 * @param width pixels across
 * @param height pixels down
 * @param pixels row-major values
 * @param nodata the band's nodata value, if it has one
 */
public record BandRaster(int width, int height, float[] pixels, OptionalDouble nodata) {
  public BandRaster {
    if (width <= 0 || height <= 0 || pixels.length != width * height) {
      throw new IllegalArgumentException(
          "band raster of " + width + "x" + height + " has " + pixels.length + " pixels");
    }
  }
}
