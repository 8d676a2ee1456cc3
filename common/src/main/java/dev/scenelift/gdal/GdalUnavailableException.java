package dev.scenelift.gdal;

/** GDAL's native library is missing or does not match the Java bindings. */
public final class GdalUnavailableException extends IllegalStateException {
  public GdalUnavailableException(String message) {
    super(message);
  }
}
