package dev.scenelift.source;

/** Turns a {@code --source} URI into the catalog that lists its scenes. */
public final class Catalogs {
  private Catalogs() {}

  /**
   * Opens the catalog for a source: {@code file:///dir}, {@code https://host/path/}, {@code s3://bucket/prefix} or
   * {@code synthetic[:N]}.
   *
   * @throws IllegalArgumentException for a malformed or unsupported source, naming it
   */
  public static SceneCatalog forSource(String source, SourceOptions options) {
    throw new UnsupportedOperationException("source catalogs are not implemented yet: " + source);
  }
}
