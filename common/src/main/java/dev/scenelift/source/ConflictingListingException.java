package dev.scenelift.source;

/** Two listings of one source disagree about a bundle (e.g. two different md5s for the same file). */
public final class ConflictingListingException extends IllegalArgumentException {
  public ConflictingListingException(String message) {
    super(message);
  }
}
