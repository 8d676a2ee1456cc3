package dev.scenelift.fetch;

import dev.scenelift.testing.ImageJvmFlags;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A fresh JVM on this JVM's class path, as a container starts one: how the benchmark and heap test run a main. */
final class ChildJvm {
  private ChildJvm() {}

  static ProcessBuilder of(String maxHeap, Class<?> main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.add("-Xmx" + maxHeap);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command);
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** What a child does with the class-data archive of AppCDS (JDK 17: a dynamic archive on top of the JDK's). */
  enum Cds {
    /** No archive: the JDK's default CDS only. */
    OFF,
    /** A training run: writes the archive of the classes it loaded when it exits ({@code -XX:ArchiveClassesAtExit}). */
    TRAIN,
    /** Maps the archive at start ({@code -XX:SharedArchiveFile}). */
    USE
  }

  /**
   * The job as its image runs it: the jars of {@code /app} (bench/fetch/run lays out the job's jar, its runtime
   * dependencies and the benchmark's probe jar, all jars: AppCDS cannot archive classes from directories) and the
   * image's JVM flags ({@link ImageJvmFlags}), with the heap fixed instead of sized from a container limit, and a
   * class-data archive of this host's JVM instead of the image's (which only the image's JVM maps).
   *
   * @param classPath the jars, in order; this JVM's class path when bench/fetch/run gave none
   * @param flags the image's JVM flags without the heap sizing and the archive
   * @param archive where the training run writes this host's archive and the others map it from
   */
  record Image(String classPath, List<String> flags, Path archive) {
    Image {
      flags = List.copyOf(flags);
    }

    static Image fromProperties(Path work) {
      return new Image(
          System.getProperty("bench.app.classpath", System.getProperty("java.class.path")),
          ImageJvmFlags.of("fetch-scene").withoutArchive().withoutHeapSizing().flags(),
          work.resolve("cds").resolve("fetch-scene.jsa"));
    }

    ProcessBuilder command(String maxHeap, Cds cds, Class<?> main, String... args) {
      List<String> command = new ArrayList<>();
      command.add(java());
      command.add("-Xmx" + maxHeap);
      command.addAll(flags);
      switch (cds) {
        case OFF -> {}
        case TRAIN -> command.add("-XX:ArchiveClassesAtExit=" + archive);
        case USE -> command.add("-XX:SharedArchiveFile=" + archive);
      }
      command.add("-cp");
      command.add(classPath);
      command.add(main.getName());
      command.addAll(List.of(args));
      return new ProcessBuilder(command);
    }
  }
}
