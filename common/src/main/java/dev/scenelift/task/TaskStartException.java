package dev.scenelift.task;

/** An array child could not start its work; the message is one line, the exit code says whether a retry can help. */
public final class TaskStartException extends Exception {
  private final int exitCode;

  public TaskStartException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
