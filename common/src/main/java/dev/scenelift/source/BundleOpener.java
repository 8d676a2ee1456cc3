package dev.scenelift.source;

import dev.scenelift.manifest.BundleSource;
import java.io.IOException;
import java.io.InputStream;

/** Opens the bytes of one bundle wherever its URI points ({@code file:}, {@code http(s):}, {@code s3:}). */
public interface BundleOpener {
  /**
   * Opens the bundle for one sequential read. The caller owns the stream and closes it.
   *
   * @throws SourceUnavailableException when the source cannot be reached or refuses (404, 403, timeout, no such file)
   */
  InputStream open(BundleSource bundle) throws IOException;
}
