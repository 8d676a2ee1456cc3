package dev.scenelift.source;

import dev.scenelift.manifest.Md5List;
import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The md5s a source publishes ({@code <tile>.md5_list}, {@code <bundle>.md5}), by bundle file name. */
final class Md5Index {
  private record Known(String md5, String origin) {}

  private final Map<String, Known> byName = new HashMap<>();

  /** Adds every entry of an md5 list's text; two different md5s for one file name are an error. */
  void addList(String text, String origin) throws IOException {
    for (Md5List.Entry e : Md5List.parse(new StringReader(text), origin)) {
      String name = e.name().toString();
      Known before = byName.putIfAbsent(name, new Known(e.md5(), origin));
      if (before != null && !before.md5().equals(e.md5())) {
        throw new ConflictingListingException(
            name + ": md5 " + before.md5() + " (" + before.origin() + ") disagrees with " + e.md5() + " (" + origin
                + ")");
      }
    }
  }

  /** The md5 of a bundle, by its normalized file name ({@link dev.scenelift.scene.BundleName#toString()}). */
  Optional<String> md5(String fileName) {
    return Optional.ofNullable(byName.get(fileName)).map(Known::md5);
  }

  /** The listed bundle file names, normalized. */
  java.util.Set<String> names() {
    return java.util.Set.copyOf(byName.keySet());
  }
}
