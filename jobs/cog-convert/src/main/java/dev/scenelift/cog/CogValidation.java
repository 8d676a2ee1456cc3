package dev.scenelift.cog;

import java.util.List;
import java.util.Objects;

/**
 * The validator's findings for one file, rio-cogeo style: errors make it invalid, warnings do not (unless the
 * validator was strict, which reports them as errors).
 *
 * @param target the file or object checked
 * @param errors what makes it not a COG
 * @param warnings what a COG should have but need not
 * @param overviews internal overview count
 */
record CogValidation(String target, List<String> errors, List<String> warnings, int overviews) {
  /** The outcome, as the validate table prints it. */
  public enum Verdict {
    VALID,
    VALID_WITH_WARNINGS,
    INVALID
  }

  public CogValidation {
    Objects.requireNonNull(target, "target");
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  public boolean isValid() {
    return errors.isEmpty();
  }

  public Verdict verdict() {
    if (!errors.isEmpty()) {
      return Verdict.INVALID;
    }
    return warnings.isEmpty() ? Verdict.VALID : Verdict.VALID_WITH_WARNINGS;
  }

  /** The errors (or, when there are none, the warnings) on one line. */
  public String summary() {
    List<String> shown = errors.isEmpty() ? warnings : errors;
    return shown.isEmpty() ? "ok" : String.join("; ", shown);
  }
}
