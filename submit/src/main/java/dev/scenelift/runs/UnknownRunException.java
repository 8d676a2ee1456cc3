package dev.scenelift.runs;

/** A run id with no manifest or no recorded jobs; the message is one line naming the run. */
public final class UnknownRunException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnknownRunException(String runId, String why) {
    super("unknown run " + runId + ": " + why);
  }
}
