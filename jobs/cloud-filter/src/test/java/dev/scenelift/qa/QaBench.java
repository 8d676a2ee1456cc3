package dev.scenelift.qa;

import dev.scenelift.gdal.Gdal;
import dev.scenelift.gdal.GdalDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.gdal.gdal.Band;
import org.gdal.gdalconst.gdalconstConstants;

/**
 * Benchmark (run by {@code bench/cloud-filter/run}, not a test): QA statistics of a 5000 x 5000 QA band against a bare
 * GDAL read of the same band, alternating, in the same process. Both open and close the dataset each repetition, so
 * neither is served from GDAL's block cache. Prints medians, Mpixel/s, and last {@code cloud-filter
 * ratio_vs_gdal_read=<ours/theirs>}.
 */
public final class QaBench {
  private QaBench() {}

  public static void main(String[] args) throws Exception {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int size = 5000;
    Gdal.init();
    Path dir = Files.createTempDirectory("qa-bench-");
    try {
      Path tif = dir.resolve("LC08_CU_003003_20130414_20170713_C01_V01_PIXELQA.tif");
      long w0 = System.nanoTime();
      QaRasters.write(tif, size, size, 256, QaBench::realistic);
      System.out.printf(Locale.ROOT, "wrote %dx%d UInt16 QA band, DEFLATE 256x256 tiles, %.1f MB, in %.1f s%n", size,
          size, Files.size(tif) / 1e6, (System.nanoTime() - w0) / 1e9);
      QaBandReader reader = new QaBandReader();
      QaReport warm = reader.read(tif.toString(), QaLayout.C1_OLI);
      bareRead(tif.toString());
      System.out.printf(Locale.ROOT, "band: fill %.2f%%, cloud %.2f%%, shadow %.2f%%, water %.2f%%, snow %.2f%%%n",
          warm.fillPercent(), warm.cloudPercent(), warm.percentOfValid(warm.shadow()),
          warm.percentOfValid(warm.water()), warm.percentOfValid(warm.snow()));
      double[] ours = new double[reps];
      double[] theirs = new double[reps];
      for (int i = 0; i < reps; i++) {
        long t0 = System.nanoTime();
        bareRead(tif.toString());
        theirs[i] = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        QaReport r = reader.read(tif.toString(), QaLayout.C1_OLI);
        ours[i] = (System.nanoTime() - t0) / 1e9;
        if (r.total() != (long) size * size) {
          throw new IllegalStateException("counted " + r.total() + " pixels");
        }
        System.out.printf(Locale.ROOT, "rep %d: gdal read %.3f s, cloud-filter QA stats %.3f s%n", i + 1, theirs[i],
            ours[i]);
      }
      double mo = median(ours);
      double mt = median(theirs);
      double mpx = (double) size * size / 1e6;
      System.out.printf(Locale.ROOT, "median gdal ReadRaster: %.3f s (%.1f Mpixel/s)%n", mt, mpx / mt);
      System.out.printf(Locale.ROOT, "median cloud-filter QA statistics: %.3f s (%.1f Mpixel/s)%n", mo, mpx / mo);
      System.out.printf(Locale.ROOT, "cloud-filter ratio_vs_gdal_read=%.3f%n", mo / mt);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** The anchor: the same strips read with ReadRaster and nothing else. */
  static long bareRead(String path) {
    try (GdalDataset ds = GdalDataset.openReadOnly(path)) {
      Band band = ds.get().GetRasterBand(1);
      int width = ds.get().GetRasterXSize();
      int height = ds.get().GetRasterYSize();
      int rows = band.GetBlockYSize();
      short[] strip = new short[width * rows];
      long sink = 0;
      for (int y = 0; y < height; y += rows) {
        int n = Math.min(rows, height - y);
        band.ReadRaster(0, y, width, n, gdalconstConstants.GDT_UInt16, strip);
        sink += strip[0];
      }
      return sink;
    }
  }

  /**
   * A plausible ARD QA tile (C1 Landsat 8 bits): a slanted no-data edge, smooth cloud fields with high/medium
   * confidence cores, shadows offset from the clouds, a lake, snow on a ridge, scattered cirrus, and clear land.
   */
  static int realistic(int x, int y) {
    if (x + 0.35 * y < 900 || x - 0.2 * y > 4300) {
      return 1;
    }
    double field = Math.sin(x / 173.0) * Math.cos(y / 211.0) + 0.6 * Math.sin((x + 2 * y) / 97.0)
        + 0.3 * Math.sin(x * y / 1.9e5);
    int hash = (x * 73856093) ^ (y * 19349663);
    int cirrus = (hash & 0xff) < 20 ? 0x300 : 0x100;
    if (field > 1.1) {
      return 0x20 | 0xC0 | cirrus; // cloud, high confidence
    }
    if (field > 0.9) {
      return 0x20 | 0x80 | cirrus; // cloud, medium confidence
    }
    double shadow = Math.sin((x - 60) / 173.0) * Math.cos((y - 90) / 211.0) + 0.6 * Math.sin((x - 60 + 2 * (y - 90)) / 97.0);
    if (shadow > 1.15) {
      return 0x08 | 0x40 | cirrus; // cloud shadow, low cloud confidence
    }
    double lake = Math.hypot(x - 3000, (y - 1200) * 1.6);
    if (lake < 420) {
      return 0x04 | 0x40 | cirrus; // water
    }
    if (Math.abs(y - 0.8 * x - 300) < 40 + 30 * Math.sin(x / 50.0)) {
      return 0x10 | 0x40 | cirrus; // snow
    }
    return 0x02 | 0x40 | cirrus; // clear, low cloud confidence
  }

  static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
