package dev.scenelift.source;

import java.io.IOException;
import java.net.URI;

/** Opens one source file wherever its URI points ({@code file:}, {@code http(s):}, {@code s3:}). */
public interface FileOpener {
  /**
   * Opens the file for one sequential read, with what the source announced about it. The caller owns the body.
   *
   * @throws SourceUnavailableException when the source cannot be reached or refuses (404, 403, timeout, no such file)
   */
  SourceBody openBody(URI uri) throws IOException;
}
