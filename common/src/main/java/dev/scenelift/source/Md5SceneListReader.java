package dev.scenelift.source;

import dev.scenelift.manifest.Md5List;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** A USGS md5 list ({@code <md5> <bundle file name>} a line) used as a scene list; its md5s come along. */
final class Md5SceneListReader implements SceneListReader {
  private static final Pattern MD5_LINE = Pattern.compile("[0-9a-fA-F]{32}[ \\t].*");

  @Override
  public boolean accepts(String firstLine) {
    return MD5_LINE.matcher(firstLine).matches();
  }

  @Override
  public List<ListedScene> read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<Md5List.Entry> entries = Md5List.parse(new StringReader(text), file.toString());
    List<Integer> lines = entryLines(text);
    List<ListedScene> out = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      Md5List.Entry e = entries.get(i);
      out.add(
          new ListedScene(
              e.name().scene(),
              Optional.of(e.name().bundle()),
              Optional.of(e.name().toString()),
              Optional.of(e.md5()),
              lines.get(i)));
    }
    return out;
  }

  /** The line numbers {@link Md5List} takes entries from: every line that is not blank or a comment. */
  private static List<Integer> entryLines(String text) {
    List<Integer> out = new ArrayList<>();
    int number = 0;
    for (String line : text.split("\r?\n", -1)) {
      number++;
      String t = line.strip();
      if (!t.isEmpty() && !t.startsWith("#")) {
        out.add(number);
      }
    }
    return out;
  }
}
