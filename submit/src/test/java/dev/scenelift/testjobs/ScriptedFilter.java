package dev.scenelift.testjobs;

import dev.scenelift.scene.Stage;

/** The scripted test job for stage FILTER. */
public final class ScriptedFilter extends ScriptedJob {
  public ScriptedFilter() {
    super(Stage.FILTER);
  }
}
