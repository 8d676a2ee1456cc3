package dev.scenelift.cloud;

import java.util.Locale;

/**
 * What {@code --promote} does with the cloud-free collection's scenes. On either layout a copy is a server-side
 * CopyObject per object (no bytes through the job): between prefixes of one bucket or into the opt bucket.
 */
enum PromoteMode {
  /** Nothing: the verdicts and lists only; the opt tree stays as it is. */
  none,
  /** Server-side copy of the scene's objects into the opt tree; scenes no longer cloud-free are removed from it. */
  copy;

  static PromoteMode parse(String value) {
    try {
      return valueOf(value.strip().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("promote must be copy or none, got '" + value + "'");
    }
  }
}
