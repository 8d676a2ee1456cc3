package dev.scenelift.describe;

import dev.scenelift.metadata.ArdMetadata;
import java.util.Objects;
import java.util.Optional;

/**
 * What index-build could learn from a scene's ARD metadata XML: the parsed document, or why there is none.
 *
 * @param metadata the parsed document, when present and readable
 * @param source how the scene was described, as the item states it ({@code scenelift:metadata_source})
 */
public record MetadataXml(Optional<ArdMetadata> metadata, String source) {
  public static final String FROM_XML = "ard-xml";
  /** How {@link #source()} starts when the XML exists but could not be used. */
  public static final String UNREADABLE = "rasters only: metadata XML unreadable";

  public MetadataXml {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(source, "source");
  }

  public static MetadataXml found(ArdMetadata metadata) {
    return new MetadataXml(Optional.of(metadata), FROM_XML);
  }

  /** No metadata XML next to the scene: the description comes from the rasters and the scene id alone. */
  public static MetadataXml missing() {
    return new MetadataXml(Optional.empty(), "rasters only: no metadata XML");
  }

  /** The XML exists but cannot be used; {@code why} names the field or problem. */
  public static MetadataXml unreadable(String why) {
    return new MetadataXml(Optional.empty(), UNREADABLE + " (" + why + ")");
  }
}
