package dev.scenelift.cog;

import dev.scenelift.gdal.Gdal;
import dev.scenelift.gdal.GdalDataset;
import dev.scenelift.gdal.GdalException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.TranslateOptions;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;

/**
 * Turns one GeoTIFF into a Cloud Optimized GeoTIFF with GDAL's COG driver: 512x512 blocks, the profile's
 * compression with a predictor, overviews recomputed down to one block with the band kind's resampling. Pixels,
 * nodata, geotransform and CRS are copied unchanged (no reprojection, no rescaling).
 *
 * <p>GDAL's block cache is process-wide; the caller bounds it ({@code gdal.SetCacheMax}) once in {@code main}.
 * Safe to call from several threads at once, each on its own files.
 */
final class CogConverter {
  static final int BLOCK_SIZE = 512;

  private final CogProfile profile;
  private final int threads;

  /**
   * @param profile compression settings
   * @param threads the COG driver's {@code NUM_THREADS} for one conversion (compression and overview work)
   */
  CogConverter(CogProfile profile, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    this.profile = profile;
    this.threads = threads;
  }

  /** The creation options used for a band of this kind and data type, as {@code -co} values. */
  List<String> creationOptions(BandKind kind, boolean integerData) {
    List<String> co = new ArrayList<>();
    co.add("BLOCKSIZE=" + BLOCK_SIZE);
    co.addAll(profile.compressionOptions(integerData));
    co.add("OVERVIEWS=IGNORE_EXISTING");
    co.add("OVERVIEW_RESAMPLING=" + kind.resampling());
    co.add("NUM_THREADS=" + threads);
    co.add("BIGTIFF=IF_SAFER");
    return co;
  }

  /**
   * Converts {@code input} (any path GDAL opens, e.g. a local file or {@code /vsis3/...}) to {@code output}.
   *
   * @throws GdalException with GDAL's message when the input cannot be read or the output not written
   */
  void convert(String input, Path output, BandKind kind) {
    Gdal.init();
    gdal.ErrorReset();
    try (GdalDataset src = GdalDataset.openReadOnly(input)) {
      Dataset in = src.get();
      if (in.GetRasterCount() < 1) {
        throw new GdalException(input + " has no raster band", null);
      }
      boolean integer = isInteger(in.GetRasterBand(1).getDataType());
      Vector<String> args = new Vector<>(List.of("-of", "COG"));
      for (String co : creationOptions(kind, integer)) {
        args.add("-co");
        args.add(co);
      }
      Dataset out;
      try {
        out = gdal.Translate(output.toString(), in, new TranslateOptions(args));
      } catch (RuntimeException e) {
        throw new GdalException("converting " + input + " failed: " + e.getMessage(), e);
      }
      if (out == null) {
        throw new GdalException("converting " + input + " failed: " + gdal.GetLastErrorMsg(), null);
      }
      GdalDataset.own(out).close();
      // Read errors inside the driver (a truncated strip) may only leave an error behind, not a null result.
      if (gdal.GetLastErrorType() >= gdalconstConstants.CE_Failure) {
        throw new GdalException("converting " + input + " failed: " + gdal.GetLastErrorMsg(), null);
      }
    }
  }

  static boolean isInteger(int dataType) {
    return dataType == gdalconstConstants.GDT_Byte
        || dataType == gdalconstConstants.GDT_Int16
        || dataType == gdalconstConstants.GDT_UInt16
        || dataType == gdalconstConstants.GDT_Int32
        || dataType == gdalconstConstants.GDT_UInt32;
  }
}
