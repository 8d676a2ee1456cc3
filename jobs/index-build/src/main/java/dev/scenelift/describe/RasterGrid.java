package dev.scenelift.describe;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The pixel grid of a raster, as GDAL reads it.
 *
 * @param wkt2 its CRS as WKT2
 * @param shape rows, columns
 * @param transform the affine transform {a, b, c, d, e, f} as STAC {@code proj:transform} orders it
 * @param metresPerUnit the CRS's linear unit in metres; empty for a CRS that is not projected (degrees)
 */
public record RasterGrid(String wkt2, List<Integer> shape, List<Double> transform, OptionalDouble metresPerUnit) {
  public RasterGrid {
    Objects.requireNonNull(wkt2, "wkt2");
    shape = List.copyOf(shape);
    transform = List.copyOf(transform);
    Objects.requireNonNull(metresPerUnit, "metresPerUnit");
    if (shape.size() != 2 || transform.size() != 6) {
      throw new IllegalArgumentException("a grid needs 2 shape values and 6 transform values");
    }
  }

  /** GDAL's geotransform (c, a, b, f, d, e) in STAC/affine order (a, b, c, d, e, f). */
  public static List<Double> affine(double[] gdalGeoTransform) {
    double[] g = gdalGeoTransform;
    return List.of(g[1], g[2], g[0], g[4], g[5], g[3]);
  }

  /** Width of a pixel in CRS units: the length of a column step, rotation included. */
  public double pixelWidth() {
    return Math.hypot(transform.get(0), transform.get(3));
  }

  /** Height of a pixel in CRS units: the length of a row step, rotation included. */
  public double pixelHeight() {
    return Math.hypot(transform.get(1), transform.get(4));
  }

  /** The mean pixel size in metres (STAC {@code raster:bands spatial_resolution}); empty when not in metres. */
  public OptionalDouble spatialResolutionMetres() {
    if (metresPerUnit.isEmpty()) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of((pixelWidth() + pixelHeight()) / 2 * metresPerUnit.getAsDouble());
  }

  /** The grid's outline in its CRS: the four corners, closed (first repeated last). */
  public List<double[]> outline() {
    double rows = shape.get(0);
    double cols = shape.get(1);
    return List.of(corner(0, 0), corner(cols, 0), corner(cols, rows), corner(0, rows), corner(0, 0));
  }

  private double[] corner(double col, double row) {
    List<Double> t = transform;
    return new double[] {
      t.get(0) * col + t.get(1) * row + t.get(2), t.get(3) * col + t.get(4) * row + t.get(5)
    };
  }
}
