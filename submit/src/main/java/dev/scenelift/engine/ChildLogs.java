package dev.scenelift.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the output of one attempt of one child goes: the embedded engine's counterpart of a container's log stream.
 * The engine closes each stream it opens.
 */
public interface ChildLogs {
  /**
   * Opens the log of one attempt.
   *
   * @param jobName the job's name
   * @param index the child's array index (0 for a plain job)
   * @param attempt the attempt, from 1
   */
  PrintStream open(String jobName, int index, int attempt);

  /** Where to look for the logs, for messages; e.g. a directory. */
  String describe();

  /** One file per attempt: {@code <dir>/<job-name>/<index>.attempt-<n>.log}. */
  static ChildLogs directory(Path dir) {
    return new ChildLogs() {
      @Override
      public PrintStream open(String jobName, int index, int attempt) {
        try {
          Path file = dir.resolve(jobName).resolve(index + ".attempt-" + attempt + ".log");
          Files.createDirectories(file.getParent());
          return new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot open the job log under " + dir, e);
        }
      }

      @Override
      public String describe() {
        return dir.toString();
      }
    };
  }

  /** Drops everything: for runs whose jobs report through markers only. */
  static ChildLogs discard() {
    return new ChildLogs() {
      @Override
      public PrintStream open(String jobName, int index, int attempt) {
        return new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
      }

      @Override
      public String describe() {
        return "(logs discarded)";
      }
    };
  }
}
