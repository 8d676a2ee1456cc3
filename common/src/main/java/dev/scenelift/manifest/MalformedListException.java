package dev.scenelift.manifest;

/** A scene or md5 list that does not parse; the message names the list and the line. */
public final class MalformedListException extends IllegalArgumentException {
  public MalformedListException(String origin, int line, String problem) {
    super(origin + ":" + line + ": " + problem);
  }
}
