package dev.scenelift.cog;

import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.SceneException;
import dev.scenelift.scene.Stage;
import dev.scenelift.marker.FailureRecord;
import dev.scenelift.marker.MarkerStore;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/** Runs the scene step over an array task's scenes, one scene at a time; a failed scene never stops the others. */
final class CogConvertPipeline {
  private final SceneCogStep step;
  private final MarkerStore markers;
  private final String runId;
  private final int attempt;
  private final PrintStream out;
  private final PrintStream err;

  /**
   * How the task went.
   *
   * @param converted scenes converted now
   * @param skipped scenes done before, excluded by the selection, or failed by an earlier stage
   * @param failed scenes this stage failed
   * @param unrecorded failed scenes whose failure record could not be written (a retry redoes them)
   */
  record Summary(int converted, int skipped, int failed, int unrecorded) {}

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
    int unrecorded = 0;
    for (SceneEntry entry : scenes) {
      try {
        SceneCogStep.Outcome o = step.convert(entry.id());
        out.println(Stage.COG + ": " + entry.id() + ": " + o.message());
        if (o.converted()) {
          converted++;
        } else {
          skipped++;
        }
      } catch (SceneNotReadyException e) {
        Optional<FailureRecord> upstream = markers.failureBefore(Stage.COG, entry.id());
        if (upstream.isPresent()) {
          skipped++;
          out.println(Stage.COG + ": " + entry.id() + ": skipped (" + upstream.get().stage() + " failed: "
              + upstream.get().kind() + ")");
        } else {
          failed++;
          unrecorded += record(e) ? 0 : 1;
        }
      } catch (SceneException e) {
        failed++;
        unrecorded += record(e) ? 0 : 1;
      }
    }
    out.printf(
        "%s: %d converted, %d skipped, %d failed of %d scenes%n", Stage.COG, converted, skipped, failed, scenes.size());
    return new Summary(converted, skipped, failed, unrecorded);
  }

  /** Prints the scene's one error line and writes its failure record; false when the record could not be written. */
  private boolean record(SceneException e) {
    err.println(e.oneLine());
    try {
      markers.markFailed(new FailureRecord(e.scene(), Stage.COG, runId, e.kind(), e.getMessage(), attempt, Instant.now()));
      return true;
    } catch (SdkException s) {
      err.println(Stage.COG + ": " + e.scene() + ": could not write the failure record: " + s.getMessage());
      return false;
    }
  }
}
