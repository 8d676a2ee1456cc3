package dev.scenelift.describe;

import dev.scenelift.gdal.GdalException;
import dev.scenelift.metadata.ArdMetadata;
import dev.scenelift.metadata.BandInfo;
import dev.scenelift.thumb.BandRaster;
import dev.scenelift.thumb.BandReader;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The scene's sun angles from its per-pixel solar angle bands, read through GDAL at reduced size (COG overviews) and
 * interpreted with the scale factor and fill value the metadata XML declares for them.
 *
 * <p>U.S. ARD metadata XML carries no scene-level sun azimuth/elevation (the ARD schema has no such element); it declares
 * the angle bands instead ({@code SOA4}/{@code SOZ4} in Collection 1, {@code SAA}/{@code SZA} in Collection 2). The
 * tile's value is the median over its valid pixels, not the mean: overviews are resampled, so pixels along the fill
 * edge hold blends of fill and angle that no fill value masks, and the median ignores them. The sun's azimuth varies
 * by a few degrees over a tile, far from the 0/360 seam, so no circular statistics are needed; elevation = 90 - the
 * zenith.
 */
final class SolarAngleBands {
  private static final Set<String> AZIMUTH = Set.of("SOA4", "SAA");
  private static final Set<String> ZENITH = Set.of("SOZ4", "SZA");
  private static final int READ_SIDE = 128;

  private final BandReader reader;

  SolarAngleBands(BandReader reader) {
    this.reader = reader;
  }

  /**
   * Empty when either band, or its scale factor in the XML, is missing, when no pixel is valid, or when the values are
   * no angles (a zenith outside [0, 180]): the sun angles are an extra that never fails a scene.
   */
  Optional<SunAngles> read(ArdMetadata xml, List<RasterFile> files) {
    OptionalDouble azimuth = median(xml, files, AZIMUTH);
    OptionalDouble zenith = median(xml, files, ZENITH);
    if (azimuth.isEmpty() || zenith.isEmpty()) {
      return Optional.empty();
    }
    double az = ((azimuth.getAsDouble() % 360) + 360) % 360;
    try {
      return Optional.of(new SunAngles(az == 360 ? 0 : az, 90 - zenith.getAsDouble()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private OptionalDouble median(ArdMetadata xml, List<RasterFile> files, Set<String> codes) {
    for (RasterFile f : files) {
      if (!codes.contains(f.code())) {
        continue;
      }
      Optional<BandInfo> band = xml.band(f.code());
      if (band.isEmpty() || band.get().scaleFactor().isEmpty()) {
        return OptionalDouble.empty();
      }
      BandRaster r;
      try {
        r = reader.read(f.gdalPath(), READ_SIDE);
      } catch (GdalException e) {
        return OptionalDouble.empty();
      }
      OptionalDouble fill = band.get().fillValue().map(SolarAngleBands::number).orElse(r.nodata());
      float[] valid = new float[r.pixels().length];
      int n = 0;
      for (float v : r.pixels()) {
        if (!Float.isNaN(v) && !(fill.isPresent() && v == fill.getAsDouble())) {
          valid[n++] = v;
        }
      }
      if (n == 0) {
        return OptionalDouble.empty();
      }
      Arrays.sort(valid, 0, n);
      double median = n % 2 == 1 ? valid[n / 2] : (valid[n / 2 - 1] + (double) valid[n / 2]) / 2;
      return OptionalDouble.of(median * band.get().scaleFactor().getAsDouble());
    }
    return OptionalDouble.empty();
  }

  static OptionalDouble number(String text) {
    try {
      return OptionalDouble.of(Double.parseDouble(text));
    } catch (NumberFormatException e) {
      return OptionalDouble.empty();
    }
  }
}
