package dev.scenelift.plan;

/** A run that cannot be planned as asked (e.g. too many array tasks); the message says what to change. */
public final class PlanException extends Exception {
  public PlanException(String message) {
    super(message);
  }
}
