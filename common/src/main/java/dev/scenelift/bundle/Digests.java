package dev.scenelift.bundle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** What the streamers share: a fresh md5, and a failure's first line for an error message. */
final class Digests {
  private Digests() {}

  static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no MD5", e);
    }
  }

  static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
  }
}
