package dev.scenelift.metadata;

import java.util.Objects;

/**
 * A tile metadata document lacks a field or holds a value that cannot be read. The message names the scene (its
 * product id, or the document's source when the id itself is unreadable) and the field.
 */
public final class MetadataFieldException extends Exception {
  private final String scene;
  private final String field;

  public MetadataFieldException(String scene, String field, String problem) {
    this(scene, field, problem, null);
  }

  public MetadataFieldException(String scene, String field, String problem, Throwable cause) {
    super(scene + ": metadata field " + field + " " + problem, cause);
    this.scene = Objects.requireNonNull(scene, "scene");
    this.field = Objects.requireNonNull(field, "field");
  }

  /** The scene's product id, or the document's source when the id could not be read. */
  public String scene() {
    return scene;
  }

  /** The field, as a path below the document root, e.g. {@code tile_metadata/global_metadata/cloud_cover}. */
  public String field() {
    return field;
  }
}
