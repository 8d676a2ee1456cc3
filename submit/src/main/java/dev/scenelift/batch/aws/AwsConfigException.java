package dev.scenelift.batch.aws;

/** The AWS configuration (config file, flags, environment) is missing something or malformed; one line, naming it. */
public final class AwsConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AwsConfigException(String message) {
    super(message);
  }

  public AwsConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
