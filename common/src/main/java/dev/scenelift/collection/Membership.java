package dev.scenelift.collection;

import java.util.Objects;

/**
 * Whether a scene belongs to a collection, and why (or why not).
 *
 * @param member in the collection
 * @param reason for a member what made it one (e.g. {@code passes: cloud ≤ 10%}), else every rule it fails (e.g.
 *     {@code cloud 23.40% > 10%; sensor LE07 not selected})
 */
public record Membership(boolean member, String reason) {
  public Membership {
    Objects.requireNonNull(reason, "reason");
  }
}
