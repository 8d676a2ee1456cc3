package dev.scenelift.source;

import dev.scenelift.manifest.BundleSource;
import dev.scenelift.scene.BundleName;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One bundle as a source listing (or a scene list) shows it, before rows are merged into scenes.
 *
 * @param name the bundle's parsed file name
 * @param uri where its bytes are
 * @param md5 its expected md5 when the listing gives one
 * @param size its size in bytes, -1 when unknown
 * @param origin where the row came from, for messages (a path, URL or "file:line")
 */
record BundleRow(BundleName name, URI uri, Optional<String> md5, long size, String origin) {
  BundleRow {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(md5, "md5");
    Objects.requireNonNull(origin, "origin");
    md5 = md5.map(m -> m.toLowerCase(java.util.Locale.ROOT));
  }

  BundleSource toSource() {
    return new BundleSource(name.bundle(), uri, md5, size);
  }

  BundleRow withMd5(Optional<String> value) {
    return new BundleRow(name, uri, value, size, origin);
  }
}
