package dev.scenelift.thumb;

import dev.scenelift.gdal.GdalDataset;
import dev.scenelift.gdal.GdalException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Vector;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;

/**
 * Renders a scene's {@link MapPreview} from its red, green and blue SR COGs (GDAL paths): read at {@link #SIDE} pixels
 * on the longer side (GDAL picks their overviews), stretched as the given {@link TrueColour} does (the web map's fixed
 * stretch, so that the preview looks like the map's drawing of the SR COGs which replaces it), written with GDAL's COG
 * driver as 4-band Byte RGBA (alpha 0 where any band is nodata) with lossy WebP in {@link #BLOCK}-pixel blocks, in the
 * COGs' CRS with their extent.
 */
public final class MapPreviewRenderer {
  public static final int SIDE = 512;
  public static final int BLOCK = 256;

  /** The COG driver's creation options: WebP keeps the file small and its alpha band lossless. */
  static final List<String> COG_OPTIONS =
      List.of("COMPRESS=WEBP", "QUALITY=85", "BLOCKSIZE=" + BLOCK, "OVERVIEWS=AUTO", "OVERVIEW_RESAMPLING=AVERAGE");

  private final BandReader reader;
  private final TrueColour colour;

  public MapPreviewRenderer(BandReader reader, TrueColour colour) {
    this.reader = reader;
    this.colour = colour;
  }

  public MapPreview render(List<String> redGreenBluePaths) {
    if (redGreenBluePaths.size() != 3) {
      throw new IllegalArgumentException("need red, green and blue, got " + redGreenBluePaths);
    }
    BufferedImage rgba =
        colour.compose(
            reader.read(redGreenBluePaths.get(0), SIDE),
            reader.read(redGreenBluePaths.get(1), SIDE),
            reader.read(redGreenBluePaths.get(2), SIDE));
    double[] gt;
    String wkt;
    int fullWidth;
    int fullHeight;
    try (GdalDataset red = GdalDataset.openReadOnly(redGreenBluePaths.get(0))) {
      gt = red.get().GetGeoTransform();
      wkt = red.get().GetProjection();
      fullWidth = red.get().getRasterXSize();
      fullHeight = red.get().getRasterYSize();
    }
    int w = rgba.getWidth();
    int h = rgba.getHeight();
    // the same extent in fewer pixels: each pixel spans fullWidth / w of the band's
    double sx = (double) fullWidth / w;
    double sy = (double) fullHeight / h;
    double[] preview = {gt[0], gt[1] * sx, gt[2] * sy, gt[3], gt[4] * sx, gt[5] * sy};
    byte[] cog = write(rgba, preview, wkt, redGreenBluePaths.get(0));
    return new MapPreview(cog, w, h, List.of(preview[1], preview[2], preview[0], preview[4], preview[5], preview[3]));
  }

  private static byte[] write(BufferedImage rgba, double[] geoTransform, String wkt, String source) {
    int w = rgba.getWidth();
    int h = rgba.getHeight();
    int[] argb = rgba.getRGB(0, 0, w, h, null, 0, w);
    Path file = null;
    Dataset mem = gdal.GetDriverByName("MEM").Create("", w, h, 4, gdalconstConstants.GDT_Byte);
    try (GdalDataset owned = GdalDataset.own(mem)) {
      mem.SetGeoTransform(geoTransform);
      mem.SetProjection(wkt);
      int[] shifts = {16, 8, 0, 24};
      int[] interpretation = {
        gdalconstConstants.GCI_RedBand,
        gdalconstConstants.GCI_GreenBand,
        gdalconstConstants.GCI_BlueBand,
        gdalconstConstants.GCI_AlphaBand
      };
      byte[] plane = new byte[w * h];
      for (int b = 0; b < 4; b++) {
        for (int i = 0; i < plane.length; i++) {
          plane[i] = (byte) (argb[i] >>> shifts[b]);
        }
        Band band = mem.GetRasterBand(b + 1);
        band.SetColorInterpretation(interpretation[b]);
        band.WriteRaster(0, 0, w, h, w, h, gdalconstConstants.GDT_Byte, plane);
      }
      file = Files.createTempFile("scenelift-map-preview-", ".tif");
      Dataset out = gdal.GetDriverByName("COG").CreateCopy(file.toString(), mem, 0, new Vector<>(COG_OPTIONS));
      if (out == null) {
        throw new GdalException("cannot write the map preview of " + source + ": " + gdal.GetLastErrorMsg(), null);
      }
      GdalDataset.own(out).close();
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }
}
