package dev.scenelift.manifest;

import dev.scenelift.scene.Bundle;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Where one bundle of a scene comes from and what it must hash to.
 *
 * @param bundle which bundle
 * @param uri {@code file:}, {@code http(s):} or {@code s3:} location of the tar (or tar.gz)
 * @param md5 the expected md5 of the bundle's bytes (lower-case hex), when the source lists one
 * @param size the bundle's size in bytes, when known (-1 otherwise)
 */
public record BundleSource(Bundle bundle, URI uri, Optional<String> md5, long size) {
  private static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");

  public BundleSource {
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(md5, "md5");
    md5 = md5.map(m -> m.toLowerCase(java.util.Locale.ROOT));
    md5.ifPresent(
        m -> {
          if (!MD5.matcher(m).matches()) {
            throw new IllegalArgumentException("malformed md5 '" + m + "' for " + uri);
          }
        });
    if (size < -1) {
      throw new IllegalArgumentException("negative size for " + uri);
    }
  }

  public OptionalLong knownSize() {
    return size >= 0 ? OptionalLong.of(size) : OptionalLong.empty();
  }

  /** The file name at the end of the URI's path. */
  public String fileName() {
    String path = uri.getPath() != null ? uri.getPath() : uri.getSchemeSpecificPart();
    return path.substring(path.lastIndexOf('/') + 1);
  }

  public BundleSource withSize(long value) {
    return new BundleSource(bundle, uri, md5, value);
  }
}
