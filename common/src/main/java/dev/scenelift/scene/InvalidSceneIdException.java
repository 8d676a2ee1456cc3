package dev.scenelift.scene;

/** A scene id that does not follow the ARD grammar; the message names the text and the problem. */
public final class InvalidSceneIdException extends IllegalArgumentException {
  private final String text;

  public InvalidSceneIdException(String text, String problem) {
    super("malformed scene id '" + text + "': " + problem);
    this.text = text;
  }

  /** The offending text, as given. */
  public String text() {
    return text;
  }
}
