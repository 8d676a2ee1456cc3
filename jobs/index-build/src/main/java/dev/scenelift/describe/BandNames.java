package dev.scenelift.describe;

import dev.scenelift.scene.Sensor;
import java.util.Map;
import java.util.Optional;

/** STAC common band names of the Landsat surface reflectance bands, per instrument. */
public final class BandNames {
  private static final Map<String, String> OLI =
      Map.of("B1", "coastal", "B2", "blue", "B3", "green", "B4", "red", "B5", "nir08", "B6", "swir16", "B7", "swir22");
  private static final Map<String, String> TM_ETM =
      Map.of("B1", "blue", "B2", "green", "B3", "red", "B4", "nir08", "B5", "swir16", "B7", "swir22");

  private BandNames() {}

  public static Optional<String> commonName(Sensor sensor, String band) {
    return Optional.ofNullable((sensor.isOli() ? OLI : TM_ETM).get(band));
  }
}
