package dev.scenelift.source;

import java.io.IOException;
import java.net.URI;

/** The source has no listing of a tile's bundles (e.g. HTTP 404 for {@code <tile>.md5_list}). */
final class MissingListingException extends IOException {
  private final URI listing;
  private final String reason;

  MissingListingException(URI listing, String reason) {
    super(listing + ": " + reason);
    this.listing = listing;
    this.reason = reason;
  }

  String reason() {
    return reason;
  }

  URI listing() {
    return listing;
  }
}
