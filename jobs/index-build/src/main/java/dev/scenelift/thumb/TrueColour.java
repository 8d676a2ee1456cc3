package dev.scenelift.thumb;

import java.awt.image.BufferedImage;
import java.util.Optional;

/**
 * Composes red, green and blue bands into one picture: each band stretched on its own between its 2nd and 98th
 * percentile (thumbnails), or every band between the same two values (the web map's fixed stretch, so a preview looks
 * like the map's own drawing of the bands); a pixel that is nodata (or NaN) in any band is transparent.
 */
public final class TrueColour {
  private final Optional<PercentileStretch> fixed;

  /** Each band stretched between its own percentiles. */
  public TrueColour() {
    this.fixed = Optional.empty();
  }

  private TrueColour(PercentileStretch fixed) {
    this.fixed = Optional.of(fixed);
  }

  /** Every band stretched linearly from {@code low} (darkest) to {@code high} (brightest) raw value. */
  public static TrueColour between(double low, double high) {
    return new TrueColour(new PercentileStretch(low, high));
  }

  public BufferedImage compose(BandRaster red, BandRaster green, BandRaster blue) {
    if (red.width() != green.width() || red.width() != blue.width()
        || red.height() != green.height() || red.height() != blue.height()) {
      throw new IllegalArgumentException("red, green and blue bands differ in size");
    }
    Optional<PercentileStretch> r = stretch(red);
    Optional<PercentileStretch> g = stretch(green);
    Optional<PercentileStretch> b = stretch(blue);
    BufferedImage img = new BufferedImage(red.width(), red.height(), BufferedImage.TYPE_INT_ARGB);
    if (r.isEmpty() || g.isEmpty() || b.isEmpty()) {
      return img;
    }
    int w = red.width();
    for (int i = 0; i < red.pixels().length; i++) {
      float rv = red.pixels()[i];
      float gv = green.pixels()[i];
      float bv = blue.pixels()[i];
      int argb = 0;
      if (PercentileStretch.isValid(rv, red.nodata())
          && PercentileStretch.isValid(gv, green.nodata())
          && PercentileStretch.isValid(bv, blue.nodata())) {
        argb = 0xff000000 | r.get().apply(rv) << 16 | g.get().apply(gv) << 8 | b.get().apply(bv);
      }
      img.setRGB(i % w, i / w, argb);
    }
    return img;
  }

  private Optional<PercentileStretch> stretch(BandRaster band) {
    return fixed.isPresent() ? fixed : PercentileStretch.of(band.pixels(), band.nodata());
  }
}
