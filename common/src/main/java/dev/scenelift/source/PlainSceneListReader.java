package dev.scenelift.source;

import dev.scenelift.manifest.MalformedListException;
import dev.scenelift.scene.BundleName;
import dev.scenelift.scene.SceneId;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A plain list, one scene id ({@code LC08_CU_003003_20130414_20170713_C01_V01}) or bundle file name
 * ({@code ..._SR.tar}) a line. Blank lines and {@code #} comments are skipped.
 */
final class PlainSceneListReader implements SceneListReader {
  private static final Pattern ID_START = Pattern.compile("L[TEC]0\\d_.*");

  @Override
  public boolean accepts(String firstLine) {
    return ID_START.matcher(firstLine).matches();
  }

  @Override
  public List<ListedScene> read(Path file) throws IOException {
    List<ListedScene> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        out.add(parseLine(t, file, number));
      }
    }
    return out;
  }

  private static ListedScene parseLine(String text, Path file, int number) {
    try {
      if (text.contains(".tar") || text.endsWith(".tgz")) {
        BundleName name = BundleName.parse(text);
        return new ListedScene(
            name.scene(), Optional.of(name.bundle()), Optional.of(name.toString()), Optional.empty(), number);
      }
      return ListedScene.wholeScene(SceneId.parse(text), number);
    } catch (IllegalArgumentException e) {
      throw new MalformedListException(
          file.toString(), number, "expected a scene id or bundle file name, got '" + text + "': " + e.getMessage());
    }
  }
}
