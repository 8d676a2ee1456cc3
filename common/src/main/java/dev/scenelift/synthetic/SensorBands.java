package dev.scenelift.synthetic;

import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.Sensor;
import dev.scenelift.synthetic.BandSpec.DataType;
import dev.scenelift.synthetic.BandSpec.Kind;
import dev.scenelift.synthetic.BandSpec.Slot;
import dev.scenelift.synthetic.BandSpec.XmlBand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bands of a Collection 1 ARD scene per sensor, in the order USGS's tile metadata lists them, with the metadata
 * USGS writes for each (taken from real v1.1 files: LaSRC for Landsat 8, LEDAPS for TM/ETM+).
 */
final class SensorBands {
  private static final List<String> PIXEL_QA_BITS_OLI =
      List.of("fill", "clear", "water", "cloud shadow", "snow", "cloud", "cloud confidence", "cloud confidence",
          "cirrus confidence", "cirrus confidence", "terrain occlusion", "unused", "unused", "unused", "unused",
          "unused");
  private static final List<String> PIXEL_QA_BITS_TM =
      List.of("fill", "clear", "water", "cloud shadow", "snow", "cloud", "cloud confidence", "cloud confidence",
          "unused", "unused", "unused", "unused", "unused", "unused", "unused", "unused");
  private static final List<String> AEROSOL_BITS =
      List.of("fill", "valid aerosol retrieval (center pixel of NxN window)",
          "water pixel (or water pixel was used in the fill-the-window interpolation)", "cloud or cirrus",
          "cloud shadow",
          "non-center window pixel for which aerosol was interpolated from surrounding NxN center pixels",
          "aerosol level", "aerosol level");
  private static final List<String> CLOUD_QA_BITS =
      List.of("dark dense vegetation", "cloud", "cloud shadow", "adjacent to cloud", "snow", "land/water");

  private SensorBands() {}

  /** The SR/TA band numbers of a sensor. */
  static List<Integer> reflectiveBands(Sensor sensor, boolean toa) {
    if (sensor.isOli()) {
      return toa ? List.of(1, 2, 3, 4, 5, 6, 7, 9) : List.of(1, 2, 3, 4, 5, 6, 7);
    }
    return List.of(1, 2, 3, 4, 5, 7);
  }

  static Slot slot(Sensor sensor, int band) {
    if (sensor.isOli()) {
      return switch (band) {
        case 1 -> Slot.COASTAL;
        case 2 -> Slot.BLUE;
        case 3 -> Slot.GREEN;
        case 4 -> Slot.RED;
        case 5 -> Slot.NIR;
        case 6 -> Slot.SWIR1;
        case 7 -> Slot.SWIR2;
        case 9 -> Slot.CIRRUS;
        case 10 -> Slot.THERMAL;
        default -> Slot.THERMAL2;
      };
    }
    return switch (band) {
      case 1 -> Slot.BLUE;
      case 2 -> Slot.GREEN;
      case 3 -> Slot.RED;
      case 4 -> Slot.NIR;
      case 5 -> Slot.SWIR1;
      case 7 -> Slot.SWIR2;
      default -> Slot.THERMAL;
    };
  }

  static List<BandSpec> of(Sensor sensor, String sceneId) {
    boolean oli = sensor.isOli();
    String s = sensor.name();
    String app = oli ? "LaSRC_1.3.0" : "LEDAPS_3.2.1";
    List<BandSpec> out = new ArrayList<>();
    out.add(
        new BandSpec("LINEAGEQA", Bundle.QA, Kind.LINEAGE_QA, null, DataType.UINT8, Optional.of(0L),
            new XmlBand("metadata", "scene_index", Optional.of("level2"), "TILEIDX", "index",
                sceneId + "_LINEAGEQA.tif", "index", Optional.of(new double[] {0, 255}), Optional.empty(), false,
                List.of(), Optional.empty(), "lineage")));
    out.add(
        new BandSpec("PIXELQA", Bundle.QA, Kind.PIXEL_QA, null, DataType.UINT16, Optional.of(1L),
            new XmlBand("qa", "level2_qa", Optional.of("level1"), s + "PQA", "level-2 pixel quality band",
                "PIXELQA", "quality/feature classification", Optional.empty(), Optional.empty(), false,
                oli ? PIXEL_QA_BITS_OLI : PIXEL_QA_BITS_TM, Optional.of("generate_pixel_qa_1.6.0"), "pixel_qa")));
    for (int b : reflectiveBands(sensor, true)) {
      out.add(
          new BandSpec("TAB" + b, Bundle.TA, Kind.TOA_REFLECTANCE, slot(sensor, b), DataType.INT16,
              Optional.of(-9999L),
              new XmlBand("image", "toa_refl", oli ? Optional.empty() : Optional.of("level1"),
                  oli ? s + "TOA" : s + "REF",
                  oli ? "band " + b + " top-of-atmosphere reflectance" : "band " + b + " TOA reflectance", "TAB" + b,
                  "reflectance", Optional.of(new double[] {oli ? -2000 : -100, 16000}), Optional.of("0.000100"), !oli,
                  List.of(), Optional.of(app), "toa_band" + b)));
    }
    if (oli) {
      out.add(brightness(sensor, 10, app));
      out.add(brightness(sensor, 11, app));
      out.add(radsat(sensor, app));
    } else {
      out.add(radsat(sensor, app));
      out.add(brightness(sensor, 6, app));
    }
    for (int b : reflectiveBands(sensor, false)) {
      out.add(
          new BandSpec("SRB" + b, Bundle.SR, Kind.SURFACE_REFLECTANCE, slot(sensor, b), DataType.INT16,
              Optional.of(-9999L),
              new XmlBand("image", "sr_refl", oli ? Optional.empty() : Optional.of("toa_refl"), s + "SR",
                  "band " + b + " surface reflectance", "SRB" + b, "reflectance",
                  Optional.of(new double[] {-2000, 16000}), Optional.of("0.000100"), !oli, List.of(),
                  Optional.of(app), "sr_band" + b)));
    }
    if (oli) {
      out.add(
          new BandSpec("SRAEROSOLQA", Bundle.QA, Kind.AEROSOL_QA, null, DataType.UINT8, Optional.of(1L),
              new XmlBand("qa", "sr_refl", Optional.empty(), s + "AERO", "surface reflectance aerosol mask",
                  "SRAEROSOLQA", "quality/feature classification", Optional.empty(), Optional.empty(), false,
                  AEROSOL_BITS, Optional.of(app), "sr_aerosol")));
    } else {
      out.add(
          new BandSpec("SRCLOUDQA", Bundle.QA, Kind.CLOUD_QA, null, DataType.UINT8, Optional.empty(),
              new XmlBand("qa", "sr_refl", Optional.of("toa_refl"), s + "SR", "cloud_qa", "SRCLOUDQA",
                  "quality/feature classification", Optional.of(new double[] {0, 255}), Optional.empty(), false,
                  CLOUD_QA_BITS, Optional.of(app), "sr_cloud_qa")));
    }
    return List.copyOf(out);
  }

  private static BandSpec brightness(Sensor sensor, int b, String app) {
    boolean oli = sensor.isOli();
    return new BandSpec("BTB" + b, Bundle.BT, Kind.BRIGHTNESS_TEMPERATURE, slot(sensor, b), DataType.INT16,
        Optional.of(-9999L),
        new XmlBand("image", "toa_bt", oli ? Optional.empty() : Optional.of("level1"), sensor.name() + "BT",
            oli ? "band " + b + " at-satellite brightness temperature" : "band " + b + " brightness temperature",
            "BTB" + b, "temperature (kelvin)", Optional.of(new double[] {1500, 3500}), Optional.of("0.100000"), !oli,
            List.of(), Optional.of(app), "bt_band" + b));
  }

  private static BandSpec radsat(Sensor sensor, String app) {
    boolean oli = sensor.isOli();
    List<String> bits = new ArrayList<>();
    bits.add("Data Fill Flag (0 = valid data, 1 = invalid data)");
    int last = oli ? 11 : 7;
    for (int b = 1; b <= last; b++) {
      bits.add(oli && b == 8 ? "N/A" : "Band " + b + " Data Saturation Flag (0 = valid data, 1 = saturated data)");
    }
    return new BandSpec("RADSATQA", Bundle.QA, Kind.RADSAT_QA, null, oli ? DataType.UINT16 : DataType.UINT8,
        Optional.of(1L),
        new XmlBand("qa", "toa_refl", Optional.of("level1"), sensor.name() + "RADSAT", "saturation mask", "RADSATQA",
            "bitmap", oli ? Optional.empty() : Optional.of(new double[] {0, 255}), Optional.empty(), false, bits,
            Optional.of(app), "radsat_qa"));
  }
}
