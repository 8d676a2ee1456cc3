package dev.scenelift.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The reference data beside the project root ({@code ../shared/data}), read-only. */
public final class SharedData {
  private SharedData() {}

  /** The shared data folder; fails the test with a clear message when it is missing. */
  public static Path dir() {
    String prop = System.getProperty("scenelift.shared.data");
    Path candidate = prop != null ? Paths.get(prop) : null;
    if (candidate == null || !Files.isDirectory(candidate)) {
      Path here = Paths.get("").toAbsolutePath();
      for (Path p = here; p != null; p = p.getParent()) {
        Path c = p.resolve("../shared/data").normalize();
        if (Files.isDirectory(c)) {
          candidate = c;
          break;
        }
      }
    }
    if (candidate == null || !Files.isDirectory(candidate)) {
      throw new IllegalStateException("shared reference data not found (expected ../shared/data beside the project)");
    }
    return candidate.toAbsolutePath().normalize();
  }

  public static Path file(String relative) {
    return dir().resolve(relative);
  }
}
