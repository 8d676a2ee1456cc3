package dev.scenelift.plan;

import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.manifest.TaskSplit;
import dev.scenelift.source.SceneCatalog;
import dev.scenelift.source.SceneFilter;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.RunIds;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans a run: the catalog's scenes of the tile, merged and selected by the request's {@link SceneFilter}, split into
 * tasks, and the job graph. Writes nothing itself; {@link #plan} lets the catalog prepare its scenes (the synthetic
 * source generates them), {@link #preview} does not.
 */
public final class RunPlanner {
  private final KeyLayout layout;
  private final TaskSizing sizing;
  private final Clock clock;

  public RunPlanner(KeyLayout layout, TaskSizing sizing, Clock clock) {
    this.layout = layout;
    this.sizing = sizing;
    this.clock = clock;
  }

  /**
   * The plan of a run that will be started: the catalog's {@link SceneCatalog#list} (which may generate or cache the
   * scenes), so every bundle has the md5 and size the source knows.
   *
   * @throws IOException when the catalog cannot be listed
   * @throws PlanException when the split exceeds AWS Batch's array limit
   */
  public RunPlan plan(RunRequest request, SceneCatalog catalog) throws IOException, PlanException {
    List<SceneEntry> listed = catalog.list(request.tile());
    return plan(request, listed, false, catalog.notes());
  }

  /**
   * The plan a {@code --dry-run} prints: from the catalog's {@link SceneCatalog#preview}, so nothing is generated,
   * downloaded or written. Bundles the source has not made yet have no md5 and an unknown size; a note says so.
   *
   * @throws IOException when the catalog cannot be listed
   * @throws PlanException when the split exceeds AWS Batch's array limit
   */
  public RunPlan preview(RunRequest request, SceneCatalog catalog) throws IOException, PlanException {
    List<SceneEntry> listed = catalog.preview(request.tile());
    return plan(request, listed, true, catalog.notes());
  }

  private RunPlan plan(RunRequest request, List<SceneEntry> listed, boolean preview, List<String> catalogNotes)
      throws PlanException {
    List<SceneEntry> ofTile = listed.stream().filter(e -> e.id().tile().equals(request.tile())).toList();
    SceneFilter.Selection selection = request.selection().apply(ofTile);
    List<SceneEntry> scenes = selection.scenes();
    int k = request.scenesPerTask().orElseGet(() -> sizing.scenesPerTask(scenes));
    TaskSplit split = new TaskSplit(scenes.size(), k);
    if (split.taskCount() > TaskSizing.MAX_TASKS) {
      throw new PlanException(
          scenes.size()
              + " scenes at --scenes-per-task "
              + k
              + " make "
              + split.taskCount()
              + " tasks, more than an array job holds ("
              + TaskSizing.MAX_TASKS
              + "); use --scenes-per-task "
              + TaskSizing.minimumFor(scenes.size())
              + " or more");
    }
    Instant now = clock.instant();
    String runId = RunIds.next(request.tile().toString(), now);
    RunManifest manifest =
        new RunManifest(runId, request.tile(), request.source(), now, k, layout, scenes, request.options());
    List<String> notes = new ArrayList<>(catalogNotes);
    notes.addAll(selection.notes());
    long unmade =
        scenes.stream().flatMap(e -> e.bundles().stream()).filter(b -> b.md5().isEmpty() && b.size() < 0).count();
    if (preview && unmade > 0) {
      notes.add(unmade + " bundle(s) not made yet by the source: md5 and size known once a run makes them");
    }
    return new RunPlan(manifest, JobGraph.chain(split), notes);
  }
}
