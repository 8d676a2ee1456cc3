package dev.scenelift.chaos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A job's image {@code main} run as a real child JVM on this test's class path, as a container would run it: its own
 * process, its own S3 client, killable with SIGKILL.
 */
final class ChildJob {
  private final Process process;
  private final Path log;

  private ChildJob(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code mainClass} with {@code env} added to this process's environment; stdout and stderr go to {@code log}. */
  static ChildJob start(String mainClass, Map<String, String> env, Path log, String... args) throws IOException {
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-Djava.library.path=" + System.getProperty("java.library.path"));
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return new ChildJob(builder.start(), log);
  }

  /** Polls {@code condition} every 10 ms; SIGKILLs the child as soon as it holds. Returns whether it held in time. */
  boolean killWhen(BooleanSupplier condition, long timeoutMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (System.currentTimeMillis() < deadline && process.isAlive()) {
      if (condition.getAsBoolean()) {
        process.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
        process.waitFor(30, TimeUnit.SECONDS);
        return true;
      }
      Thread.sleep(10);
    }
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
    return false;
  }

  /** Waits for the child's exit code. */
  int await(long timeoutSeconds) throws InterruptedException {
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the child did not end within " + timeoutSeconds + " s; log: " + output());
    }
    return process.exitValue();
  }

  int exitCode() {
    return process.exitValue();
  }

  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
