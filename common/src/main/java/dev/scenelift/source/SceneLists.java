package dev.scenelift.source;

import dev.scenelift.manifest.MalformedListException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads a {@code --scene-list} file with the first {@link SceneListReader} that accepts its first non-blank line.
 * Formats: a USGS md5 list, a plain list of scene ids or bundle file names. Add a reader to {@link #readers} to
 * support another format.
 */
final class SceneLists {
  private final List<SceneListReader> readers;

  SceneLists(List<SceneListReader> readers) {
    this.readers = List.copyOf(readers);
  }

  /** The formats this build understands. */
  static SceneLists standard() {
    return new SceneLists(List.of(new Md5SceneListReader(), new PlainSceneListReader()));
  }

  /**
   * @throws MalformedListException for an empty file or one no reader understands, naming the file and line
   */
  List<ListedScene> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "scene list not found");
    }
    Optional<Line> first = firstLine(file);
    if (first.isEmpty()) {
      throw new MalformedListException(file.toString(), 1, "the scene list is empty");
    }
    for (SceneListReader reader : readers) {
      if (reader.accepts(first.get().text())) {
        return reader.read(file);
      }
    }
    throw new MalformedListException(
        file.toString(),
        first.get().number(),
        "unrecognised scene list format (expected an md5 list '<md5> <bundle>.tar' or one scene id or bundle file"
            + " name a line), got '"
            + first.get().text()
            + "'");
  }

  private record Line(int number, String text) {}

  /** ISO-8859-1 never fails to decode, and every format this looks for starts in ASCII. */
  private static Optional<Line> firstLine(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        String t = line.strip();
        if (!t.isEmpty() && !t.startsWith("#")) {
          return Optional.of(new Line(number, t));
        }
      }
    }
    return Optional.empty();
  }
}
