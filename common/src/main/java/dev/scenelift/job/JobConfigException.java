package dev.scenelift.job;

/** A missing or bad environment variable; fatal before any scene is touched. */
public final class JobConfigException extends IllegalArgumentException {
  private final String variable;

  public JobConfigException(String variable, String problem) {
    super("environment variable " + variable + " " + problem);
    this.variable = variable;
  }

  public String variable() {
    return variable;
  }
}
