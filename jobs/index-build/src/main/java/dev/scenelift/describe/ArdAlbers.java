package dev.scenelift.describe;

import dev.scenelift.gdal.Gdal;
import dev.scenelift.scene.Tile;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import org.gdal.osr.CoordinateTransformation;
import org.gdal.osr.SpatialReference;
import org.gdal.osr.osrConstants;

/** The CONUS ARD Albers projection (no EPSG code) and tile footprints in WGS84, through GDAL's osr. */
public final class ArdAlbers {
  /** USGS CONUS ARD Albers Equal Area on WGS84. */
  public static final String PROJ4 =
      "+proj=aea +lat_0=23 +lon_0=-96 +lat_1=29.5 +lat_2=45.5 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs";

  /** Segments per tile edge when projecting the footprint; edges are curved in WGS84. */
  public static final int EDGE_SEGMENTS = 10;

  private ArdAlbers() {}

  /** The projection as WKT2 (2019). */
  public static String wkt2() {
    Gdal.init();
    SpatialReference srs = new SpatialReference();
    try {
      srs.ImportFromProj4(PROJ4);
      return toWkt2(srs);
    } finally {
      srs.delete();
    }
  }

  /** Any WKT (e.g. GDAL's WKT1 of a raster) as WKT2 (2019). */
  public static String wkt2Of(String wkt) {
    Gdal.init();
    SpatialReference srs = new SpatialReference();
    try {
      srs.ImportFromWkt(wkt);
      return toWkt2(srs);
    } finally {
      srs.delete();
    }
  }

  private static String toWkt2(SpatialReference srs) {
    String[] out = new String[1];
    Vector<String> options = new Vector<>(List.of("FORMAT=WKT2_2019", "MULTILINE=NO"));
    srs.ExportToWkt(out, options);
    return out[0];
  }

  /**
   * The tile's outline in WGS84 longitude/latitude: a closed ring, counter-clockwise, each edge densified.
   *
   * @return the ring's points as {lon, lat}
   */
  public static List<double[]> footprint(Tile tile) {
    Gdal.init();
    SpatialReference src = new SpatialReference();
    SpatialReference dst = new SpatialReference();
    try {
      src.ImportFromProj4(PROJ4);
      dst.SetWellKnownGeogCS("WGS84");
      dst.SetAxisMappingStrategy(osrConstants.OAMS_TRADITIONAL_GIS_ORDER);
      src.SetAxisMappingStrategy(osrConstants.OAMS_TRADITIONAL_GIS_ORDER);
      CoordinateTransformation ct = CoordinateTransformation.CreateCoordinateTransformation(src, dst);
      try {
        double x0 = tile.upperLeftX();
        double y0 = tile.upperLeftY();
        double x1 = x0 + Tile.SIZE_METRES;
        double y1 = y0 - Tile.SIZE_METRES;
        // counter-clockwise in lon/lat: upper-left, lower-left, lower-right, upper-right
        double[][] corners = {{x0, y0}, {x0, y1}, {x1, y1}, {x1, y0}};
        List<double[]> ring = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
          double[] a = corners[c];
          double[] b = corners[(c + 1) % 4];
          for (int s = 0; s < EDGE_SEGMENTS; s++) {
            double t = (double) s / EDGE_SEGMENTS;
            double[] p = ct.TransformPoint(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t);
            ring.add(new double[] {round(p[0]), round(p[1])});
          }
        }
        ring.add(ring.get(0));
        return List.copyOf(ring);
      } finally {
        ct.delete();
      }
    } finally {
      src.delete();
      dst.delete();
    }
  }

  /** {minLon, minLat, maxLon, maxLat} of a ring. */
  public static double[] bbox(List<double[]> ring) {
    double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
    for (double[] p : ring) {
      b[0] = Math.min(b[0], p[0]);
      b[1] = Math.min(b[1], p[1]);
      b[2] = Math.max(b[2], p[0]);
      b[3] = Math.max(b[3], p[1]);
    }
    return b;
  }

  private static double round(double v) {
    return Math.round(v * 1e7) / 1e7;
  }
}
