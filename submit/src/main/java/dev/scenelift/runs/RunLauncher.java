package dev.scenelift.runs;

import java.util.List;

/**
 * Runs a planned manifest: writes it and submits its jobs. {@code retry} and {@code listen} hand their new runs to it;
 * {@link StageChain#launcher()} is the plain implementation, the planner of {@code submit-run} may supply its own.
 */
@FunctionalInterface
public interface RunLauncher {
  /** Returns the ids of the submitted jobs, in stage order. */
  List<String> launch(dev.scenelift.manifest.RunManifest manifest, RunEnvironment env);
}
