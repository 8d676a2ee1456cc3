package dev.scenelift.catalog;

/** A catalog file (EarthExplorer CSV export, STAC item) cannot be used; the message names the file, row and column. */
public final class MalformedCatalogException extends Exception {
  public MalformedCatalogException(String message) {
    super(message);
  }

  public MalformedCatalogException(String message, Throwable cause) {
    super(message, cause);
  }
}
