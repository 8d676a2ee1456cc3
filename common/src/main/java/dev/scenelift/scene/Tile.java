package dev.scenelift.scene;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A 150 km tile of the CONUS ARD grid, written {@code h03v03} in the product's UI and {@code 003003} inside scene ids.
 *
 * @param h horizontal index, 0–32
 * @param v vertical index, 0–21
 */
public record Tile(int h, int v) {
  private static final Pattern HV = Pattern.compile("h(\\d{1,3})v(\\d{1,3})");
  private static final Pattern GRID = Pattern.compile("(\\d{3})(\\d{3})");

  /** CONUS ARD Albers: upper-left corner of tile h0v0 and the tile size, in metres. */
  public static final double ORIGIN_X = -2565585;

  public static final double ORIGIN_Y = 3314805;
  public static final double SIZE_METRES = 150_000;
  public static final int PIXELS = 5000;
  public static final double PIXEL_METRES = 30;

  public Tile {
    if (h < 0 || h > 32 || v < 0 || v > 21) {
      throw new IllegalArgumentException(
          "tile h" + h + "v" + v + " is outside the CONUS ARD grid (h 0–32, v 0–21)");
    }
  }

  /** Parses {@code h03v03} (also {@code H3V3}) or the id form {@code 003003}. */
  public static Tile parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher m = HV.matcher(t);
    if (m.matches()) {
      return new Tile(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    m = GRID.matcher(t);
    if (m.matches()) {
      return new Tile(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    throw new IllegalArgumentException("malformed tile '" + text + "' (expected e.g. h03v03 or 003003)");
  }

  /** The form used inside scene ids: {@code 003003}. */
  public String gridCode() {
    return String.format(Locale.ROOT, "%03d%03d", h, v);
  }

  /** Upper-left x of the tile in ARD Albers metres. */
  public double upperLeftX() {
    return ORIGIN_X + SIZE_METRES * h;
  }

  /** Upper-left y of the tile in ARD Albers metres. */
  public double upperLeftY() {
    return ORIGIN_Y - SIZE_METRES * v;
  }

  /** The GDAL geotransform of the tile at 30 m. */
  public double[] geoTransform() {
    return new double[] {upperLeftX(), PIXEL_METRES, 0, upperLeftY(), 0, -PIXEL_METRES};
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "h%02dv%02d", h, v);
  }
}
