package dev.scenelift.cog;

import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.SceneException;
import dev.scenelift.scene.Stage;
import dev.scenelift.marker.FailureRecord;
import dev.scenelift.marker.MarkerStore;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;

/** Runs the scene step over an array task's scenes, one scene at a time; a failed scene never stops the others. */
final class CogConvertPipeline {
  private final SceneCogStep step;
  private final MarkerStore markers;
  private final String runId;
  private final int attempt;
  private final PrintStream out;
  private final PrintStream err;

  /** How the task went. */
  record Summary(int converted, int skipped, int failed) {}

  CogConvertPipeline(
      SceneCogStep step, MarkerStore markers, String runId, int attempt, PrintStream out, PrintStream err) {
    this.step = step;
    this.markers = markers;
    this.runId = runId;
    this.attempt = attempt;
    this.out = out;
    this.err = err;
  }

  Summary run(List<SceneEntry> scenes) {
    int converted = 0;
    int skipped = 0;
    int failed = 0;
    for (SceneEntry entry : scenes) {
      try {
        SceneCogStep.Outcome o = step.convert(entry.id());
        out.println(Stage.COG + ": " + entry.id() + ": " + o.message());
        if (o.converted()) {
          converted++;
        } else {
          skipped++;
        }
      } catch (SceneException e) {
        failed++;
        err.println(e.oneLine());
        try {
          markers.markFailed(
              new FailureRecord(e.scene(), Stage.COG, runId, e.kind(), e.getMessage(), attempt, Instant.now()));
        } catch (SdkException s) {
          err.println(Stage.COG + ": " + entry.id() + ": could not write the failure record: " + s.getMessage());
        }
      }
    }
    out.printf(
        "%s: %d converted, %d skipped, %d failed of %d scenes%n", Stage.COG, converted, skipped, failed, scenes.size());
    return new Summary(converted, skipped, failed);
  }
}
