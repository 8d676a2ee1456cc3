package dev.scenelift.source;

import java.io.IOException;
import java.net.URI;

/** A source that cannot be read: unreachable, refused, or missing. The message names the URI and the cause. */
public final class SourceUnavailableException extends IOException {
  private final URI uri;

  public SourceUnavailableException(URI uri, String cause, Throwable t) {
    super("cannot read " + uri + ": " + cause, t);
    this.uri = uri;
  }

  public URI uri() {
    return uri;
  }
}
