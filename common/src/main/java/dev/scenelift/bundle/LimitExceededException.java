package dev.scenelift.bundle;

import java.io.IOException;

/** A {@link CountingInputStream} passed its limit. */
final class LimitExceededException extends IOException {
  LimitExceededException(String message) {
    super(message);
  }
}
