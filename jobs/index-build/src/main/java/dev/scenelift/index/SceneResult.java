package dev.scenelift.index;

import dev.scenelift.describe.SceneDescription;
import java.util.Objects;
import java.util.Optional;

/**
 * What indexing one scene produced.
 *
 * @param record what to remember in the index state
 * @param description the scene's description, when it has COGs (feeds the eo3 product)
 */
record SceneResult(SceneRecord record, Optional<SceneDescription> description) {
  SceneResult {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(description, "description");
  }
}
