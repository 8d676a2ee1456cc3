package dev.scenelift.source;

import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a scene list: a scene, or one bundle of it, with its md5 when the list gives one.
 *
 * @param scene the scene named
 * @param bundle the bundle named, or empty when the line names the whole scene
 * @param fileName the bundle file name as listed (e.g. {@code ..._SR.tar.gz}), or empty for a scene id line
 * @param md5 the bundle's md5 when the list carries one (only with a bundle)
 * @param line the 1-based line number, for messages
 */
public record ListedScene(
    SceneId scene, Optional<Bundle> bundle, Optional<String> fileName, Optional<String> md5, int line) {
  public ListedScene {
    Objects.requireNonNull(scene, "scene");
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(md5, "md5");
    if (md5.isPresent() && bundle.isEmpty()) {
      throw new IllegalArgumentException("an md5 needs a bundle: " + scene);
    }
  }

  /** A line naming a whole scene. */
  public static ListedScene wholeScene(SceneId scene, int line) {
    return new ListedScene(scene, Optional.empty(), Optional.empty(), Optional.empty(), line);
  }
}
