package dev.scenelift.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project is: surefire passes {@code scenelift.project.dir}; otherwise the parent of the working dir. */
final class ProjectFiles {
  private ProjectFiles() {}

  static Path root() {
    String configured = System.getProperty("scenelift.project.dir");
    Path root = (configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent()).normalize();
    if (!Files.isDirectory(root.resolve("infra")) || !Files.isRegularFile(root.resolve("pom.xml"))) {
      throw new IllegalStateException("not the scenelift project root: " + root);
    }
    return root;
  }
}
