package dev.scenelift.submit;

import dev.scenelift.engine.ChildLogs;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The embedded engine's logs of every run: {@code <logs>/<run-id>/<job-name>/<index>.attempt-<n>.log}, the run id
 * taken from the job name {@code scenelift-<run-id>-<stage>}.
 */
final class RunLogs implements ChildLogs {
  private static final String PREFIX = "scenelift-";

  private final Path dir;

  RunLogs(Path dir) {
    this.dir = dir;
  }

  /** Where a run's logs go. */
  Path of(String runId) {
    return dir.resolve(runId);
  }

  @Override
  public PrintStream open(String jobName, int index, int attempt) {
    return ChildLogs.directory(of(runIdOf(jobName))).open(jobName, index, attempt);
  }

  @Override
  public String describe() {
    return dir.toString();
  }

  private static String runIdOf(String jobName) {
    int last = jobName.lastIndexOf('-', jobName.lastIndexOf('-') - 1);
    if (!jobName.startsWith(PREFIX) || last <= PREFIX.length()) {
      return "other";
    }
    return jobName.substring(PREFIX.length(), last);
  }
}
