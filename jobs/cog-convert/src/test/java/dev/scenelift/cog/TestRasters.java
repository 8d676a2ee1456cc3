package dev.scenelift.cog;

import dev.scenelift.gdal.Gdal;
import dev.scenelift.gdal.GdalDataset;
import dev.scenelift.scene.Tile;
import java.nio.file.Path;
import java.util.List;
import java.util.Vector;
import java.util.function.IntBinaryOperator;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.TranslateOptions;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;

/** Small GeoTIFFs written with GDAL, georeferenced like ARD (Albers, tile h03v03). */
final class TestRasters {
  /** The ARD CONUS Albers projection as USGS ships it. */
  static final String ARD_ALBERS_WKT =
      "PROJCS[\"Albers\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,"
          + "AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0],"
          + "UNIT[\"degree\",0.0174532925199433],AUTHORITY[\"EPSG\",\"4326\"]],"
          + "PROJECTION[\"Albers_Conic_Equal_Area\"],PARAMETER[\"latitude_of_center\",23],"
          + "PARAMETER[\"longitude_of_center\",-96],PARAMETER[\"standard_parallel_1\",29.5],"
          + "PARAMETER[\"standard_parallel_2\",45.5],PARAMETER[\"false_easting\",0],"
          + "PARAMETER[\"false_northing\",0],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]]]";

  static final double[] GEO_TRANSFORM = Tile.parse("h03v03").geoTransform();

  private TestRasters() {}

  /**
   * Writes a single-band GeoTIFF the way USGS C1 ARD ships them (striped, DEFLATE), or with extra creation options.
   *
   * @param pixel value at (x, y)
   * @param nodata nodata value, or null
   */
  static Path write(
      Path file, int width, int height, int dataType, IntBinaryOperator pixel, Double nodata, String... options) {
    Gdal.init();
    Vector<String> co = new Vector<>(List.of(options.length == 0 ? new String[] {"COMPRESS=DEFLATE"} : options));
    try (GdalDataset owned =
        GdalDataset.own(gdal.GetDriverByName("GTiff").Create(file.toString(), width, height, 1, dataType, co))) {
      Dataset ds = owned.get();
      ds.SetGeoTransform(GEO_TRANSFORM);
      ds.SetProjection(ARD_ALBERS_WKT);
      Band band = ds.GetRasterBand(1);
      if (nodata != null) {
        band.SetNoDataValue(nodata);
      }
      int[] row = new int[width];
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          row[x] = pixel.applyAsInt(x, y);
        }
        band.WriteRaster(0, y, width, 1, row);
      }
    }
    return file;
  }

  /** A textured Int16 reflectance-like band with a nodata border. */
  static Path reflectance(Path file, int width, int height) {
    return write(
        file,
        width,
        height,
        gdalconstConstants.GDT_Int16,
        (x, y) -> x < 17 || y < 9 ? -9999 : (int) (3000 + 1500 * Math.sin(x / 37.0) * Math.cos(y / 23.0) + (x * 7919 + y * 104729) % 97),
        -9999.0);
  }

  /** A bit-field QA band. */
  static Path pixelQa(Path file, int width, int height) {
    return write(
        file, width, height, gdalconstConstants.GDT_UInt16, (x, y) -> 1 << ((x / 3 + y / 5) % 11), 1.0);
  }

  /** GDAL's own COG of a file (gdal_translate -of COG). */
  static Path gdalCog(Path source, Path target, String... options) {
    Vector<String> args = new Vector<>(List.of("-of", "COG"));
    for (String o : options) {
      args.add("-co");
      args.add(o);
    }
    try (GdalDataset src = GdalDataset.openReadOnly(source.toString())) {
      GdalDataset.own(gdal.Translate(target.toString(), src.get(), new TranslateOptions(args))).close();
    }
    return target;
  }

  /** All pixels of band 1 (or of an overview of it), as ints. */
  static int[] pixels(Path file, int overview) {
    try (GdalDataset ds = GdalDataset.openReadOnly(file.toString())) {
      Band band = ds.get().GetRasterBand(1);
      if (overview >= 0) {
        band = band.GetOverview(overview);
      }
      int[] out = new int[band.getXSize() * band.getYSize()];
      band.ReadRaster(0, 0, band.getXSize(), band.getYSize(), out);
      return out;
    }
  }
}
