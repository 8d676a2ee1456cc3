package dev.scenelift.source;

/** A STAC search that found no item of the tile: nothing to plan. The message names the API, tile and filters. */
public final class EmptySearchException extends IllegalArgumentException {
  public EmptySearchException(String message) {
    super(message);
  }
}
