package dev.scenelift.batch.aws;

/** AWS Batch refused or could not take a request; the message is one line naming the job and the cause. */
public final class BatchSubmitException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BatchSubmitException(String message) {
    super(message);
  }

  public BatchSubmitException(String message, Throwable cause) {
    super(message, cause);
  }
}
