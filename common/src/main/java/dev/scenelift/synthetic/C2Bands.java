package dev.scenelift.synthetic;

import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.Sensor;
import dev.scenelift.synthetic.BandSpec.C2XmlBand;
import dev.scenelift.synthetic.BandSpec.DataType;
import dev.scenelift.synthetic.BandSpec.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bands of a Collection 2 ARD scene per sensor, named as USGS names C2 files ({@code <id>_SR_B4.TIF}, {@code
 * _QA_PIXEL.TIF}, ...) and stored as the C2 products are: surface (and top-of-atmosphere) reflectance UInt16 × 0.0000275
 * − 0.2, temperatures UInt16 × 0.00341802 + 149 K, fill 0; QA_PIXEL UInt16 with fill 1. Which of these encodings could
 * be confirmed from USGS documents, and which are assumed (TOA, BT), is in README's Collection 2 section.
 */
final class C2Bands {
  static final double REFLECTANCE_SCALE = 0.0000275;
  static final double REFLECTANCE_OFFSET = -0.2;
  static final double KELVIN_SCALE = 0.00341802;
  static final double KELVIN_OFFSET = 149.0;

  private static final C2XmlBand REFLECTANCE = new C2XmlBand(Optional.of("2.75e-05"), Optional.of("-0.2"));
  private static final C2XmlBand KELVIN = new C2XmlBand(Optional.of("0.00341802"), Optional.of("149.0"));
  private static final C2XmlBand QA = new C2XmlBand(Optional.empty(), Optional.empty());

  private C2Bands() {}

  static List<BandSpec> of(Sensor sensor) {
    boolean oli = sensor.isOli();
    List<BandSpec> out = new ArrayList<>();
    out.add(new BandSpec("QA_PIXEL", Bundle.QA, Kind.PIXEL_QA, null, DataType.UINT16, Optional.of(1L), QA));
    out.add(new BandSpec("QA_RADSAT", Bundle.QA, Kind.RADSAT_QA, null, DataType.UINT16, Optional.empty(), QA));
    out.add(new BandSpec("QA_LINEAGE", Bundle.QA, Kind.LINEAGE_QA, null, DataType.UINT8, Optional.of(0L), QA));
    for (int b : SensorBands.reflectiveBands(sensor, false)) {
      out.add(reflectance("SR_B" + b, Bundle.SR, Kind.SURFACE_REFLECTANCE, sensor, b));
    }
    if (oli) {
      out.add(new BandSpec("SR_QA_AEROSOL", Bundle.SR, Kind.AEROSOL_QA, null, DataType.UINT8, Optional.of(1L), QA));
    } else {
      out.add(new BandSpec("SR_ATMOS_OPACITY", Bundle.SR, Kind.ATMOS_OPACITY, null, DataType.INT16,
          Optional.of(-9999L), new C2XmlBand(Optional.of("0.001"), Optional.empty())));
      out.add(new BandSpec("SR_CLOUD_QA", Bundle.SR, Kind.CLOUD_QA, null, DataType.UINT8, Optional.empty(), QA));
    }
    for (int b : SensorBands.reflectiveBands(sensor, true)) {
      out.add(reflectance("TOA_B" + b, Bundle.TOA, Kind.TOA_REFLECTANCE, sensor, b));
    }
    for (int b : oli ? List.of(10, 11) : List.of(6)) {
      out.add(kelvin("BT_B" + b, Bundle.BT, Kind.BRIGHTNESS_TEMPERATURE, sensor, b));
    }
    int thermal = oli ? 10 : 6;
    out.add(kelvin("ST_B" + thermal, Bundle.ST, Kind.SURFACE_TEMPERATURE, sensor, thermal));
    out.add(new BandSpec("ST_QA", Bundle.ST, Kind.ST_QA, null, DataType.INT16, Optional.of(-9999L),
        new C2XmlBand(Optional.of("0.01"), Optional.empty())));
    return List.copyOf(out);
  }

  private static BandSpec reflectance(String name, Bundle bundle, Kind kind, Sensor sensor, int band) {
    return new BandSpec(name, bundle, kind, SensorBands.slot(sensor, band), DataType.UINT16, Optional.of(0L),
        REFLECTANCE);
  }

  private static BandSpec kelvin(String name, Bundle bundle, Kind kind, Sensor sensor, int band) {
    return new BandSpec(name, bundle, kind, SensorBands.slot(sensor, band), DataType.UINT16, Optional.of(0L), KELVIN);
  }

  /** A reflectance × 10000 as a C2 stored value (1..65535; 0 is fill). */
  static short reflectance(float times10000) {
    long dn = Math.round((times10000 / 10000.0 - REFLECTANCE_OFFSET) / REFLECTANCE_SCALE);
    return (short) Math.max(1, Math.min(65535, dn));
  }

  /** A temperature in kelvin × 10 as a C2 stored value (1..65535; 0 is fill). */
  static short kelvin(float kelvinTimes10) {
    long dn = Math.round((kelvinTimes10 / 10.0 - KELVIN_OFFSET) / KELVIN_SCALE);
    return (short) Math.max(1, Math.min(65535, dn));
  }
}
