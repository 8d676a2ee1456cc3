package dev.scenelift.metadata;

import java.util.Objects;

/**
 * The tile's map projection as the metadata states it (ARD: Albers Equal Area on WGS84, metres).
 *
 * @param projection e.g. {@code AEA}
 * @param datum e.g. {@code WGS84}
 * @param units e.g. {@code meters}
 * @param upperLeftX projected x of the upper-left corner
 * @param upperLeftY projected y of the upper-left corner
 * @param lowerRightX projected x of the lower-right corner
 * @param lowerRightY projected y of the lower-right corner
 * @param gridOrigin {@code UL} (releases) or {@code CORNER} (2017 pre-release); empty string when not stated
 */
public record ProjectionInfo(
    String projection,
    String datum,
    String units,
    double upperLeftX,
    double upperLeftY,
    double lowerRightX,
    double lowerRightY,
    String gridOrigin) {
  public ProjectionInfo {
    Objects.requireNonNull(projection, "projection");
    Objects.requireNonNull(datum, "datum");
    Objects.requireNonNull(units, "units");
    Objects.requireNonNull(gridOrigin, "gridOrigin");
    if (!(lowerRightX > upperLeftX && upperLeftY > lowerRightY)) {
      throw new IllegalArgumentException("corner points do not span a box");
    }
  }
}
