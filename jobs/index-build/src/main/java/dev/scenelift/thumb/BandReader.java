package dev.scenelift.thumb;

import dev.scenelift.gdal.GdalDataset;
import java.util.OptionalDouble;
import org.gdal.gdal.Band;
import org.gdal.gdalconst.gdalconstConstants;

/**
 * Reads band 1 of a raster through GDAL at a reduced size, so that GDAL uses the overviews of a COG (and decimates a
 * plain GeoTIFF while reading).
 */
public final class BandReader {
  /** Reads the raster at {@code path} (a local path or {@code /vsis3/...}) with its longer side {@code maxSide}. */
  public BandRaster read(String path, int maxSide) {
    try (GdalDataset ds = GdalDataset.openReadOnly(path)) {
      int w = ds.get().getRasterXSize();
      int h = ds.get().getRasterYSize();
      double scale = Math.min(1.0, (double) maxSide / Math.max(w, h));
      int outW = Math.max(1, (int) Math.round(w * scale));
      int outH = Math.max(1, (int) Math.round(h * scale));
      Band band = ds.get().GetRasterBand(1);
      float[] pixels = new float[outW * outH];
      int rc = band.ReadRaster(0, 0, w, h, outW, outH, gdalconstConstants.GDT_Float32, pixels);
      if (rc != gdalconstConstants.CE_None) {
        throw new dev.scenelift.gdal.GdalException(
            "cannot read " + path + ": " + org.gdal.gdal.gdal.GetLastErrorMsg(), null);
      }
      Double[] nd = new Double[1];
      band.GetNoDataValue(nd);
      return new BandRaster(outW, outH, pixels, nd[0] == null ? OptionalDouble.empty() : OptionalDouble.of(nd[0]));
    }
  }
}
