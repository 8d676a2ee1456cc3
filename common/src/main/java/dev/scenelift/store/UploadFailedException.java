package dev.scenelift.store;

import java.io.IOException;

/** Writing an object to S3 failed (not reading its bytes). The message names the target. */
public final class UploadFailedException extends IOException {
  private final S3Location target;

  public UploadFailedException(S3Location target, Throwable cause) {
    super("cannot write " + target + ": " + describe(cause), cause);
    this.target = target;
  }

  public S3Location target() {
    return target;
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
  }
}
