package dev.scenelift.runs;

import dev.scenelift.scene.Tile;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A run as status and watch report it: each stage's job and each scene's outcome.
 *
 * @param runId the run
 * @param tile its tile
 * @param stages the stages' jobs, in stage order
 * @param scenes every scene's outcome, in manifest order (empty when not read)
 */
public record RunStatus(String runId, Tile tile, List<StageStatus> stages, List<SceneOutcome> scenes) {
  public RunStatus {
    stages = List.copyOf(stages);
    scenes = List.copyOf(scenes);
  }

  /** Every stage's job has ended (a failed dependency fails its dependents, so this is reached). */
  public boolean jobsEnded() {
    return !stages.isEmpty() && stages.stream().allMatch(StageStatus::isDone);
  }

  public Map<SceneOutcome.State, Integer> sceneCounts() {
    Map<SceneOutcome.State, Integer> out = new EnumMap<>(SceneOutcome.State.class);
    for (SceneOutcome.State s : SceneOutcome.State.values()) {
      out.put(s, 0);
    }
    scenes.forEach(o -> out.merge(o.state(), 1, Integer::sum));
    return out;
  }

  /** Every scene succeeded or was excluded by cloud-filter. */
  public boolean allScenesFinished() {
    return scenes.stream().allMatch(o -> o.state().isFinished());
  }
}
