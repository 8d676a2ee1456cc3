package dev.scenelift.manifest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.scenelift.scene.Bundle;
import dev.scenelift.store.KeyLayout;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One file of a scene that a source serves on its own, not inside a tar (Collection 2 cloud-optimized GeoTIFFs and
 * the metadata XML, as USGS's STAC API lists them): where its bytes are and what the catalog says they are.
 *
 * @param bundle the bundle folder the file goes to in the raw tree ({@code <raw>/<tile>/<scene>/<bundle>/<name>})
 * @param name the file name, one plain path segment
 * @param uri {@code file:}, {@code http(s):} or {@code s3:} location of the bytes
 * @param size the size in bytes the catalog gives ({@code file:size}), -1 when unknown
 * @param checksum the catalog's checksum ({@code file:checksum}), when it gives one
 */
public record FileSource(Bundle bundle, String name, URI uri, long size, Optional<FileChecksum> checksum) {
  public FileSource {
    Objects.requireNonNull(bundle, "bundle");
    KeyLayout.requireFileName(name);
    Objects.requireNonNull(uri, "uri");
    checksum = checksum == null ? Optional.empty() : checksum;
    if (size < -1) {
      throw new IllegalArgumentException("negative size for " + uri);
    }
  }

  @JsonIgnore
  public OptionalLong knownSize() {
    return size >= 0 ? OptionalLong.of(size) : OptionalLong.empty();
  }

  /** {@code SR/<name>}, for messages. */
  @JsonIgnore
  public String label() {
    return bundle + "/" + name;
  }

  @JsonIgnore
  public boolean isS3() {
    return "s3".equalsIgnoreCase(uri.getScheme());
  }
}
