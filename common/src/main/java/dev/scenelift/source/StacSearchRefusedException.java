package dev.scenelift.source;

/**
 * A search the STAC API answered with a client error (400: a query it does not accept), or one that would need more
 * pages than allowed: retrying cannot help, the request must change. The message says how.
 */
public final class StacSearchRefusedException extends IllegalArgumentException {
  public StacSearchRefusedException(String message) {
    super(message);
  }
}
