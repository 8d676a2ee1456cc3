package dev.scenelift.bundle;

import java.io.IOException;

/** Reading the source itself failed (network, disk), as opposed to its bytes not parsing. */
final class SourceReadException extends IOException {
  SourceReadException(IOException cause) {
    super(cause.getMessage(), cause);
  }
}
