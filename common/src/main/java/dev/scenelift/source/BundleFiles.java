package dev.scenelift.source;

import dev.scenelift.scene.BundleName;
import java.util.Optional;

/** Which file names of a listing are bundles, md5 files, or md5 lists. */
final class BundleFiles {
  private BundleFiles() {}

  static boolean looksLikeBundle(String fileName) {
    return fileName.endsWith(".tar") || fileName.endsWith(".tar.gz") || fileName.endsWith(".tgz");
  }

  /** The bundle a file name names, or empty for an unrelated file (which a listing skips). */
  static Optional<BundleName> bundle(String fileName) {
    if (!looksLikeBundle(fileName)) {
      return Optional.empty();
    }
    try {
      return Optional.of(BundleName.parse(fileName));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static boolean isMd5File(String fileName) {
    return fileName.endsWith(".md5");
  }

  static String md5ListName(dev.scenelift.scene.Tile tile) {
    return tile + ".md5_list";
  }
}
