package dev.scenelift.thumb;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Renders a true-colour thumbnail pair from three single-band rasters given as GDAL paths (red, green, blue): read at
 * the large size (GDAL picks COG overviews), stretched per band, PNG with transparent nodata; the small one is scaled
 * down from the large one.
 */
public final class ThumbnailRenderer {
  public static final int SMALL = 300;
  public static final int LARGE = 1000;

  private final BandReader reader;
  private final TrueColour colour;

  public ThumbnailRenderer(BandReader reader, TrueColour colour) {
    this.reader = reader;
    this.colour = colour;
  }

  public Thumbnails render(List<String> redGreenBluePaths) {
    if (redGreenBluePaths.size() != 3) {
      throw new IllegalArgumentException("need red, green and blue, got " + redGreenBluePaths);
    }
    BufferedImage large =
        colour.compose(
            reader.read(redGreenBluePaths.get(0), LARGE),
            reader.read(redGreenBluePaths.get(1), LARGE),
            reader.read(redGreenBluePaths.get(2), LARGE));
    return new Thumbnails(png(scaled(large, SMALL)), png(large));
  }

  static BufferedImage scaled(BufferedImage src, int maxSide) {
    double s = Math.min(1.0, (double) maxSide / Math.max(src.getWidth(), src.getHeight()));
    int w = Math.max(1, (int) Math.round(src.getWidth() * s));
    int h = Math.max(1, (int) Math.round(src.getHeight() * s));
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(src, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  static byte[] png(BufferedImage img) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(img, "png", out)) {
        throw new IllegalStateException("no PNG writer in this JVM");
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
