package dev.scenelift.index;

import java.util.Map;
import java.util.TreeMap;

/**
 * The small state object a run leaves behind ({@code <raw>/<tile>/_scenelift/index-state.json}), written last: per
 * scene what was rendered from which inputs, and a digest per listing page so unchanged pages are not rewritten.
 *
 * @param version the rendering version; a different one re-renders everything
 * @param scenes by scene id
 * @param pages page key to digest of its content
 */
record IndexState(int version, Map<String, SceneRecord> scenes, Map<String, String> pages) {
  /** Bump when the outputs change shape, so every scene is rendered again. */
  static final int VERSION = 3;

  IndexState {
    scenes = new TreeMap<>(scenes);
    pages = new TreeMap<>(pages);
  }

  static IndexState empty() {
    return new IndexState(VERSION, Map.of(), Map.of());
  }
}
