package dev.scenelift.manifest;

import java.util.List;
import java.util.stream.IntStream;

/**
 * How a run's scenes are split into array tasks: task i handles scenes [i·k, min((i+1)·k, n)).
 *
 * @param scenes n, the number of scenes
 * @param scenesPerTask k, at least 1
 */
public record TaskSplit(int scenes, int scenesPerTask) {
  public TaskSplit {
    if (scenes < 0) {
      throw new IllegalArgumentException("negative scene count " + scenes);
    }
    if (scenesPerTask < 1) {
      throw new IllegalArgumentException("--scenes-per-task must be at least 1, got " + scenesPerTask);
    }
  }

  /** ⌈n / k⌉; 0 for an empty run. */
  public int taskCount() {
    return (int) ((scenes + (long) scenesPerTask - 1) / scenesPerTask);
  }

  public ArrayTask task(int index) {
    if (index < 0 || index >= taskCount()) {
      throw new IllegalArgumentException(
          "array index " + index + " is outside this run's " + taskCount() + " task(s)");
    }
    int from = index * scenesPerTask;
    return new ArrayTask(index, from, Math.min(from + scenesPerTask, scenes));
  }

  public List<ArrayTask> tasks() {
    return IntStream.range(0, taskCount()).mapToObj(this::task).toList();
  }
}
