package dev.scenelift.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads one format of {@code --scene-list} file. {@link SceneLists} picks the first reader that accepts a file's
 * first lines, so a new format (e.g. the EarthExplorer metadata CSV) is one more implementation added there.
 */
public interface SceneListReader {
  /**
   * Whether this reader understands the file, judged from its first non-blank line.
   *
   * @param firstLine the first non-blank line, stripped
   */
  boolean accepts(String firstLine);

  /**
   * Reads every scene the file names, in file order; duplicates may repeat (the caller merges them).
   *
   * @throws dev.scenelift.manifest.MalformedListException naming the file and line of the first bad line
   */
  List<ListedScene> read(Path file) throws IOException;
}
