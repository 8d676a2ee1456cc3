package dev.scenelift.scene;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file name of one bundle, e.g. {@code LC08_CU_003003_20130414_20170713_C01_V01_SR.tar}.
 *
 * @param scene the scene the bundle belongs to
 * @param bundle which bundle
 * @param gzip whether the file is gzip-compressed ({@code .tar.gz} or {@code .tgz})
 */
public record BundleName(SceneId scene, Bundle bundle, boolean gzip) {
  private static final Pattern NAME = Pattern.compile("(.+)_([A-Z]{2,3})\\.(tar|tar\\.gz|tgz)");

  public BundleName {
    Objects.requireNonNull(scene, "scene");
    Objects.requireNonNull(bundle, "bundle");
  }

  public static BundleName of(SceneId scene, Bundle bundle) {
    return new BundleName(scene, bundle, false);
  }

  /** Parses a bundle file name; a directory part is ignored. */
  public static BundleName parse(String fileName) {
    String name = fileName.strip();
    int slash = name.lastIndexOf('/');
    if (slash >= 0) {
      name = name.substring(slash + 1);
    }
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "malformed bundle file name '" + fileName + "' (expected <scene-id>_<SR|TA|BT|QA|ST|TOA>.tar[.gz])");
    }
    return new BundleName(SceneId.parse(m.group(1)), Bundle.parse(m.group(2)), !m.group(3).equals("tar"));
  }

  @Override
  public String toString() {
    return scene + "_" + bundle + (gzip ? ".tar.gz" : ".tar");
  }
}
