package dev.scenelift.cloud;

import dev.scenelift.scene.SceneId;
import dev.scenelift.verdict.CloudVerdict;
import java.util.Objects;
import java.util.Optional;

/** One scene's result: its status, the verdict when judged, and a one-line message. */
record SceneOutcome(SceneId scene, SceneStatus status, Optional<CloudVerdict> verdict, String message) {
  SceneOutcome {
    Objects.requireNonNull(scene, "scene");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(message, "message");
  }
}
