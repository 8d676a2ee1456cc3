package dev.scenelift.testjobs;

import dev.scenelift.scene.Stage;

/** The scripted test job for stage FETCH. */
public final class ScriptedFetch extends ScriptedJob {
  public ScriptedFetch() {
    super(Stage.FETCH);
  }
}
