package dev.scenelift.fetch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A fresh JVM on this JVM's class path, as a container starts one: how the benchmark and heap test run a main. */
final class ChildJvm {
  private ChildJvm() {}

  static ProcessBuilder of(String maxHeap, Class<?> main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + maxHeap);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }
}
