package dev.scenelift.cog;

import dev.scenelift.scene.Bundle;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;
import java.util.Locale;
import java.util.Objects;

/**
 * One band GeoTIFF of a scene in the raw tree.
 *
 * @param bundle the bundle it came in
 * @param fileName its file name, e.g. {@code LC08_CU_003003_20130414_20170713_C01_V01_SRB4.tif}
 * @param location where it is
 * @param size bytes
 */
record BandInput(Bundle bundle, String fileName, S3Location location, long size) {
  BandInput {
    Objects.requireNonNull(bundle, "bundle");
    KeyLayout.requireFileName(fileName);
    Objects.requireNonNull(location, "location");
  }

  static boolean isGeoTiff(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    return lower.endsWith(".tif") || lower.endsWith(".tiff");
  }

  /** The COG's file name: the same stem with a lower-case {@code .tif}. */
  String outputName() {
    return fileName.substring(0, fileName.lastIndexOf('.')) + ".tif";
  }

  BandKind kind() {
    return BandKind.ofFile(fileName);
  }

  /** {@code SR/<file>}, for messages. */
  String label() {
    return bundle + "/" + fileName;
  }
}
