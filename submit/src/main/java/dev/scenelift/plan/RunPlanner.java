package dev.scenelift.plan;

import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.manifest.TaskSplit;
import dev.scenelift.source.SceneCatalog;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.RunIds;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Plans a run: the catalog's scenes of the tile, selected, split into tasks, and the job graph. Writes nothing. */
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
   * @throws IOException when the catalog cannot be listed
   * @throws PlanException when the split exceeds AWS Batch's array limit
   */
  public RunPlan plan(RunRequest request, SceneCatalog catalog) throws IOException, PlanException {
    List<SceneEntry> ofTile =
        catalog.list(request.tile()).stream().filter(e -> e.id().tile().equals(request.tile())).toList();
    List<SceneEntry> scenes = request.selection().apply(ofTile);
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
    return new RunPlan(manifest, JobGraph.chain(split));
  }
}
