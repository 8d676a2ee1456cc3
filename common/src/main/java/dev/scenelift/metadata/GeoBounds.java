package dev.scenelift.metadata;

/** A WGS84 bounding box in decimal degrees. */
public record GeoBounds(double west, double east, double north, double south) {
  public GeoBounds {
    if (!(west >= -180 && west <= 180 && east >= -180 && east <= 180)) {
      throw new IllegalArgumentException("longitudes out of range: west " + west + ", east " + east);
    }
    if (!(south >= -90 && north <= 90 && south <= north)) {
      throw new IllegalArgumentException("latitudes out of range or swapped: north " + north + ", south " + south);
    }
  }
}
