package dev.scenelift.synthetic;

import dev.scenelift.gdal.Gdal;
import dev.scenelift.scene.Tile;
import org.gdal.osr.CoordinateTransformation;
import org.gdal.osr.SpatialReference;
import org.gdal.osr.osrConstants;

/**
 * The CONUS ARD grid's projection: WGS 84 Albers Equal Area, standard parallels 29.5 and 45.5, origin 23N 96W, no
 * false easting or northing.
 */
final class ArdAlbers {
  static final String PROJ4 =
      "+proj=aea +lat_0=23 +lon_0=-96 +lat_1=29.5 +lat_2=45.5 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs";

  /** The projected CRS's name as USGS's ARD GeoTIFFs carry it. */
  static final String NAME = "AEA        WGS84";

  private ArdAlbers() {}

  /** The projection as WKT, for GeoTIFFs. */
  static String wkt() {
    Gdal.init();
    SpatialReference srs = new SpatialReference();
    try {
      srs.ImportFromProj4(PROJ4);
      srs.SetProjCS(NAME);
      return srs.ExportToWkt();
    } finally {
      srs.delete();
    }
  }

  /**
   * The tile's geographic bounds, {west, east, north, south} in degrees, from points along its four edges (the
   * projected square is curved in longitude and latitude).
   */
  static double[] bounds(Tile tile) {
    Gdal.init();
    SpatialReference albers = new SpatialReference();
    SpatialReference wgs84 = new SpatialReference();
    try {
      albers.ImportFromProj4(PROJ4);
      wgs84.SetWellKnownGeogCS("WGS84");
      wgs84.SetAxisMappingStrategy(osrConstants.OAMS_TRADITIONAL_GIS_ORDER);
      albers.SetAxisMappingStrategy(osrConstants.OAMS_TRADITIONAL_GIS_ORDER);
      CoordinateTransformation ct = CoordinateTransformation.CreateCoordinateTransformation(albers, wgs84);
      try {
        double west = 180;
        double east = -180;
        double north = -90;
        double south = 90;
        int n = 100;
        double x0 = tile.upperLeftX();
        double y0 = tile.upperLeftY();
        double side = Tile.SIZE_METRES;
        for (int i = 0; i <= n; i++) {
          double d = side * i / n;
          double[][] points = {{x0 + d, y0}, {x0 + d, y0 - side}, {x0, y0 - d}, {x0 + side, y0 - d}};
          for (double[] p : points) {
            double[] ll = ct.TransformPoint(p[0], p[1]);
            west = Math.min(west, ll[0]);
            east = Math.max(east, ll[0]);
            north = Math.max(north, ll[1]);
            south = Math.min(south, ll[1]);
          }
        }
        return new double[] {west, east, north, south};
      } finally {
        ct.delete();
      }
    } finally {
      albers.delete();
      wgs84.delete();
    }
  }
}
