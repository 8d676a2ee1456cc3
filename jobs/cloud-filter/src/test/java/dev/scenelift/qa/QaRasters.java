package dev.scenelift.qa;

import dev.scenelift.gdal.Gdal;
import dev.scenelift.gdal.GdalDataset;
import java.nio.file.Path;
import java.util.function.IntBinaryOperator;
import org.gdal.gdal.Driver;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;

/** Writes 16-bit QA GeoTIFFs with GDAL for tests and the benchmark: tiled, DEFLATE, fill value 1. */
public final class QaRasters {
  private QaRasters() {}

  /** Writes a band whose pixel (x, y) is {@code valueAt.applyAsInt(x, y)}. */
  public static Path write(Path file, int width, int height, int block, IntBinaryOperator valueAt) {
    Gdal.init();
    Driver driver = gdal.GetDriverByName("GTiff");
    String[] options = {
      "TILED=YES", "BLOCKXSIZE=" + block, "BLOCKYSIZE=" + block, "COMPRESS=DEFLATE", "PREDICTOR=2"
    };
    try (GdalDataset ds =
        GdalDataset.own(driver.Create(file.toString(), width, height, 1, gdalconstConstants.GDT_UInt16, options))) {
      ds.get().GetRasterBand(1).SetNoDataValue(1);
      short[] row = new short[width];
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          row[x] = (short) valueAt.applyAsInt(x, y);
        }
        ds.get().GetRasterBand(1).WriteRaster(0, y, width, 1, gdalconstConstants.GDT_UInt16, row);
      }
    }
    return file;
  }

  /** A band of one value. */
  public static Path constant(Path file, int width, int height, int value) {
    return write(file, width, height, 64, (x, y) -> value);
  }
}
