package dev.scenelift.testjobs;

import dev.scenelift.scene.Stage;

/** The scripted test job for stage INDEX. */
public final class ScriptedIndex extends ScriptedJob {
  public ScriptedIndex() {
    super(Stage.INDEX);
  }
}
