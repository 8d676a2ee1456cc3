package dev.scenelift.describe;

/**
 * The sun's position over a scene as the STAC view extension states it.
 *
 * @param azimuth degrees clockwise from north, in [0, 360)
 * @param elevation degrees above the horizon, in [-90, 90]
 */
public record SunAngles(double azimuth, double elevation) {
  public SunAngles {
    if (!(azimuth >= 0 && azimuth < 360)) {
      throw new IllegalArgumentException("sun azimuth must be in [0, 360), got " + azimuth);
    }
    if (!(elevation >= -90 && elevation <= 90)) {
      throw new IllegalArgumentException("sun elevation must be in [-90, 90], got " + elevation);
    }
  }
}
