package dev.scenelift.fetch;

import dev.scenelift.bundle.SceneWrites;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.SceneException;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import dev.scenelift.marker.CompletionMarker;
import dev.scenelift.marker.FailureRecord;
import dev.scenelift.marker.MarkerStore;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

/**
 * One array child's scenes, one after another: skip those already done (unless forced), fetch the rest, write each
 * marker last. A failed scene is cleaned up, gets a failure record and one error line, and the next scene goes on.
 */
final class FetchScenePipeline {
  private final MarkerStore markers;
  private final SceneFetcher fetcher;
  private final SceneCleanup cleanup;
  private final FetchRun run;
  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;

  FetchScenePipeline(
      MarkerStore markers,
      SceneFetcher fetcher,
      SceneCleanup cleanup,
      FetchRun run,
      Clock clock,
      PrintStream out,
      PrintStream err) {
    this.markers = markers;
    this.fetcher = fetcher;
    this.cleanup = cleanup;
    this.run = run;
    this.clock = clock;
    this.out = out;
    this.err = err;
  }

  FetchSummary run(List<SceneEntry> scenes) {
    FetchSummary summary = FetchSummary.NONE;
    for (SceneEntry scene : scenes) {
      summary = summary.plus(fetch(scene));
    }
    return summary;
  }

  private FetchSummary fetch(SceneEntry scene) {
    SceneId id = scene.id();
    SceneWrites writes = new SceneWrites();
    try {
      if (markers.isDone(Stage.FETCH, id)) {
        if (!run.force()) {
          out.println("fetch-scene: " + id + ": already fetched, skipped");
          return new FetchSummary(0, 1, 0, 0, 0);
        }
        markers.clearDone(Stage.FETCH, id);
      }
      int stale = cleanup.abortOpenUploads(id);
      if (stale > 0) {
        out.println("fetch-scene: " + id + ": aborted " + stale + " multipart upload(s) left open by an earlier attempt");
      }
      CompletionMarker marker = fetcher.fetch(scene, run, writes);
      markers.markDone(marker);
      out.println(
          "fetch-scene: " + id + ": " + marker.objects().size() + " objects, " + marker.details().get("bundleBytes")
              + " bytes at " + marker.details().get("mbPerSecond") + " MB/s");
      return new FetchSummary(1, 0, 0, 0, ((Number) marker.details().get("bundleBytes")).longValue());
    } catch (SceneException e) {
      return fail(e, writes);
    } catch (RuntimeException e) {
      return fail(new SceneException(id, Stage.FETCH, String.valueOf(e.getMessage()), e), writes);
    }
  }

  /** Undoes the scene's writes and records the failure; a scene whose record could not be written is unrecorded. */
  private FetchSummary fail(SceneException e, SceneWrites writes) {
    err.println(e.oneLine());
    try {
      cleanup.undo(e.scene(), writes);
      markers.markFailed(
          new FailureRecord(e.scene(), Stage.FETCH, run.runId(), e.kind(), e.getMessage(), run.attempt(), clock.instant()));
      return new FetchSummary(0, 0, 1, 0, 0);
    } catch (RuntimeException cleanupFailure) {
      err.println(
          Stage.FETCH + ": " + e.scene() + ": could not clean up after the failure: " + cleanupFailure.getMessage());
      return new FetchSummary(0, 0, 1, 1, 0);
    }
  }
}
