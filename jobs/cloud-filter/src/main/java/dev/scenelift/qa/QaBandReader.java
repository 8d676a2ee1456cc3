package dev.scenelift.qa;

import dev.scenelift.gdal.GdalDataset;
import dev.scenelift.gdal.GdalException;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;

/**
 * Reads a 16-bit QA band through GDAL one block row at a time (a strip as tall as the band's natural block, e.g.
 * 5000 x 256 pixels = 2.5 MB) into a 65536-bin histogram, then decodes the histogram. Memory stays bounded by one
 * strip whatever the band's size; every value is decoded once, not every pixel.
 */
public final class QaBandReader {
  private static final int LANES = 4;

  /** Reads the band at a GDAL path ({@code /tmp/x.tif}, {@code /vsis3/bucket/key}) and decodes it. */
  public QaReport read(String gdalPath, QaLayout layout) {
    return QaReport.of(layout, histogram(gdalPath));
  }

  /** The band's 16-bit value histogram. */
  public long[] histogram(String gdalPath) {
    try (GdalDataset ds = GdalDataset.openReadOnly(gdalPath)) {
      Dataset d = ds.get();
      if (d.GetRasterCount() < 1) {
        throw new GdalException(gdalPath + " has no raster band", null);
      }
      Band band = d.GetRasterBand(1);
      int type = band.GetRasterDataType();
      if (type != gdalconstConstants.GDT_UInt16 && type != gdalconstConstants.GDT_Int16) {
        throw new GdalException(
            gdalPath + " is " + gdal.GetDataTypeName(type) + ", a pixel QA band is UInt16", null);
      }
      int width = d.GetRasterXSize();
      int height = d.GetRasterYSize();
      int stripRows = Math.max(1, Math.min(height, band.GetBlockYSize()));
      if ((long) width * stripRows > 8L << 20) {
        stripRows = Math.max(1, (int) ((8L << 20) / width));
      }
      short[] strip = new short[width * stripRows];
      long[] histogram = new long[1 << 16];
      int[] counts = new int[LANES << 16];
      for (int y = 0; y < height; y += stripRows) {
        int rows = Math.min(stripRows, height - y);
        int err;
        try {
          err = band.ReadRaster(0, y, width, rows, gdalconstConstants.GDT_UInt16, strip);
        } catch (RuntimeException e) {
          throw new GdalException("cannot read rows " + y + "-" + (y + rows) + " of " + gdalPath + ": " + e.getMessage(), e);
        }
        if (err != gdalconstConstants.CE_None) {
          throw new GdalException(
              "cannot read rows " + y + "-" + (y + rows) + " of " + gdalPath + ": " + gdal.GetLastErrorMsg(), null);
        }
        count(strip, width * rows, counts);
        if (y % (stripRows * 64) == 0 || y + rows >= height) {
          flush(counts, histogram);
        }
      }
      flush(counts, histogram);
      return histogram;
    }
  }

  /**
   * Bumps the bins of {@code n} pixels. A QA band is long runs of one value, and bumping one bin again before the last
   * bump is stored stalls; four lanes of bins, pixel i going to lane i % 4, keep four bumps in flight.
   */
  private static void count(short[] strip, int n, int[] counts) {
    int i = 0;
    for (; i + LANES <= n; i += LANES) {
      counts[strip[i] & 0xFFFF]++;
      counts[(1 << 16) | (strip[i + 1] & 0xFFFF)]++;
      counts[(2 << 16) | (strip[i + 2] & 0xFFFF)]++;
      counts[(3 << 16) | (strip[i + 3] & 0xFFFF)]++;
    }
    for (; i < n; i++) {
      counts[strip[i] & 0xFFFF]++;
    }
  }

  /**
   * int bins are faster to bump; moved into the long histogram often enough never to overflow (64 strips of at most
   * 8 Mi pixels < 2^31, per lane).
   */
  private static void flush(int[] counts, long[] histogram) {
    for (int v = 0; v < counts.length; v++) {
      if (counts[v] != 0) {
        histogram[v & 0xFFFF] += counts[v];
        counts[v] = 0;
      }
    }
  }
}
