package dev.scenelift.source;

/** A {@code --collections} name the STAC API does not have; the message names it and what the API has. */
public final class UnknownCollectionException extends IllegalArgumentException {
  public UnknownCollectionException(String message) {
    super(message);
  }
}
