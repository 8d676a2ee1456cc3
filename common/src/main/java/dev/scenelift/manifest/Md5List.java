package dev.scenelift.manifest;

import dev.scenelift.scene.BundleName;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * USGS md5 lists: one bundle a line, {@code <md5><TAB or spaces><bundle file name>}, as in {@code h03v03.md5_list} or
 * a single {@code <bundle>.md5} file (which has no trailing newline). Blank lines are skipped; anything else that does
 * not parse is an error naming the line.
 */
public final class Md5List {
  private static final Pattern LINE = Pattern.compile("([0-9a-fA-F]{32})[ \\t]+\\*?(\\S+)");

  /** One line of a list. */
  public record Entry(String md5, BundleName name) {}

  private Md5List() {}

  /**
   * @param origin names the list in error messages (a path or URL)
   */
  public static List<Entry> parse(Reader reader, String origin) throws IOException {
    List<Entry> out = new ArrayList<>();
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    String line;
    int number = 0;
    while ((line = in.readLine()) != null) {
      number++;
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("#")) {
        continue;
      }
      Matcher m = LINE.matcher(t);
      if (!m.matches()) {
        throw new MalformedListException(origin, number, "expected '<md5> <bundle file name>', got '" + t + "'");
      }
      try {
        out.add(new Entry(m.group(1).toLowerCase(java.util.Locale.ROOT), BundleName.parse(m.group(2))));
      } catch (IllegalArgumentException e) {
        throw new MalformedListException(origin, number, e.getMessage());
      }
    }
    return out;
  }
}
