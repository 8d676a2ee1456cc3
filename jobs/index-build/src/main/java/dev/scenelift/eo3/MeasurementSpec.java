package dev.scenelift.eo3;

import dev.scenelift.describe.SceneAsset;
import dev.scenelift.scene.Bundle;
import java.util.Locale;
import java.util.Set;

/**
 * What an eo3 product says of a measurement beyond its name: its units and the nodata value to use when the raster
 * states none.
 */
final class MeasurementSpec {
  /** The per-pixel sun and sensor angle bands (Collection 1 {@code SOA4 …}, Collection 2 {@code SAA …}). */
  private static final Set<String> ANGLES = Set.of("SOA4", "SOZ4", "SEA4", "SEZ4", "SAA", "SZA", "VAA", "VZA");

  private MeasurementSpec() {}

  /**
   * Units as datacube spells them (a string, CF style): kelvin for the thermal bundles, degrees for the angle bands,
   * and {@code 1} (dimensionless) for reflectance and QA.
   */
  static String units(SceneAsset a) {
    if (a.bundle() == Bundle.BT || a.bundle() == Bundle.ST) {
      return "K";
    }
    return ANGLES.contains(a.code().toUpperCase(Locale.ROOT)) ? "degree" : "1";
  }

  /**
   * The nodata value to declare when neither the raster nor the metadata XML states one; it always fits the data type
   * (datacube requires a nodata value, and one the type cannot hold is an error): NaN for floating point, -9999 (the
   * U.S. ARD fill) for signed integers that hold it, else the type's minimum, 0 for unsigned integers.
   *
   */
  static double defaultNodata(String dtype) {
    return switch (dtype) {
      case "float16", "float32", "float64" -> Double.NaN;
      case "int8" -> Byte.MIN_VALUE;
      case "int16", "int32", "int64" -> Eo3Documents.DEFAULT_NODATA;
      default -> 0;
    };
  }

  /** Whether a value can be held exactly by a data type; NaN and infinities only by floating point. */
  static boolean fits(double value, String dtype) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return dtype.startsWith("float");
    }
    return switch (dtype) {
      case "uint8" -> integral(value) && value >= 0 && value <= 255;
      case "uint16" -> integral(value) && value >= 0 && value <= 65535;
      case "uint32" -> integral(value) && value >= 0 && value <= 4294967295.0;
      case "uint64" -> integral(value) && value >= 0;
      case "int8" -> integral(value) && value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE;
      case "int16" -> integral(value) && value >= Short.MIN_VALUE && value <= Short.MAX_VALUE;
      case "int32" -> integral(value) && value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
      case "int64" -> integral(value);
      case "float32" -> (double) (float) value == value;
      default -> dtype.startsWith("float");
    };
  }

  private static boolean integral(double v) {
    return v == Math.rint(v);
  }
}
