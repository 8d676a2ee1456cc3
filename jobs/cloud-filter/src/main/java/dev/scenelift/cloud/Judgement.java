package dev.scenelift.cloud;

import java.util.Objects;

/** A verdict and why. */
record Judgement(boolean cloudFree, String reason) {
  Judgement {
    Objects.requireNonNull(reason, "reason");
  }
}
