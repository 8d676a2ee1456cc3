package dev.scenelift.manifest;

import dev.scenelift.store.S3Location;

/** A run manifest that was read but does not decode into a valid {@link RunManifest}; names where it is and why. */
public final class MalformedManifestException extends IllegalArgumentException {
  public MalformedManifestException(S3Location location, Throwable cause) {
    super("malformed run manifest " + location + ": " + firstLine(cause), cause);
  }

  /** Jackson's messages run over several lines; an error line stays one line. */
  private static String firstLine(Throwable cause) {
    String m = String.valueOf(cause.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
