package dev.scenelift.gdal;

/** GDAL refused or failed an operation; the message carries GDAL's own words. */
public final class GdalException extends RuntimeException {
  public GdalException(String message, Throwable cause) {
    super(message, cause);
  }
}
