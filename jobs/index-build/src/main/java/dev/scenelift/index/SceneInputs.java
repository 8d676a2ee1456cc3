package dev.scenelift.index;

import dev.scenelift.scene.SceneId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A scene's objects found in the raw and COG trees, without index-build's own outputs.
 *
 * @param scene the scene
 * @param raw objects under the scene's raw folder
 * @param cog objects under the scene's COG folder
 */
record SceneInputs(SceneId scene, List<ListedObject> raw, List<ListedObject> cog) {
  SceneInputs {
    Objects.requireNonNull(scene, "scene");
    raw = List.copyOf(raw);
    cog = List.copyOf(cog);
  }

  static SceneInputs missing(SceneId scene) {
    return new SceneInputs(scene, List.of(), List.of());
  }

  boolean isMissing() {
    return raw.isEmpty() && cog.isEmpty();
  }

  Optional<ListedObject> rawNamed(String name) {
    return raw.stream().filter(o -> o.key().endsWith("/" + name)).findFirst();
  }

  /**
   * A digest of every input's key, size and ETag, and of the settings that shape the outputs: equal digests mean
   * nothing needs rendering again.
   */
  String fingerprint(String settings) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(settings.getBytes(StandardCharsets.UTF_8));
      List<ListedObject> all = new ArrayList<>(raw);
      all.addAll(cog);
      all.sort(Comparator.comparing(ListedObject::key));
      for (ListedObject o : all) {
        md.update((o.key() + "\t" + o.size() + "\t" + o.etag() + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
