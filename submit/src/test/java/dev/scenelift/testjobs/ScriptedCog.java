package dev.scenelift.testjobs;

import dev.scenelift.scene.Stage;

/** The scripted test job for stage COG. */
public final class ScriptedCog extends ScriptedJob {
  public ScriptedCog() {
    super(Stage.COG);
  }
}
