package dev.scenelift.gdal;

import org.gdal.gdal.gdal;
import org.gdal.gdal.gdalJNI;

/**
 * The GDAL runtime of the process: loaded and checked once, with a clear error when the JNI library is missing.
 *
 * <p>The Java classes come from {@code org.gdal:gdal:3.6.0}; the native half, {@code libgdalalljni.so}, is built by
 * {@code docker/gdal-jni/build.sh} and found through {@code -Djava.library.path}.
 */
public final class Gdal {
  private static final Object LOCK = new Object();

  private Gdal() {}

  /**
   * Loads GDAL, registers its drivers and switches on exceptions; safe to call many times.
   *
   * @throws GdalUnavailableException when the native library cannot be loaded, saying how to build it
   */
  public static void init() {
    synchronized (LOCK) {
      boolean available;
      try {
        available = gdalJNI.isAvailable();
      } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
        available = false;
      }
      if (!available) {
        throw new GdalUnavailableException(
            "GDAL's JNI library (libgdalalljni.so) could not be loaded from java.library.path="
                + System.getProperty("java.library.path")
                + "; build it with docker/gdal-jni/build.sh (needs libgdal-dev and swig) and pass"
                + " -Djava.library.path=~/.cache/scenelift/gdal-jni");
      }
      if (gdal.GetDriverCount() == 0) {
        gdal.AllRegister();
        gdal.UseExceptions();
        gdal.SetConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR");
        gdal.SetConfigOption("CPL_VSIL_CURL_ALLOWED_EXTENSIONS", ".tif,.TIF,.tiff,.xml,.ovr");
      }
    }
  }

  /** GDAL's release name, e.g. {@code 3.6.2}. */
  public static String version() {
    init();
    return gdal.VersionInfo("RELEASE_NAME");
  }
}
