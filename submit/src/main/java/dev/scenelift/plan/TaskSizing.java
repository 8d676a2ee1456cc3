package dev.scenelift.plan;

import dev.scenelift.manifest.SceneEntry;
import java.util.List;

/** Chooses the default {@code --scenes-per-task} for an engine when the user gives none. */
@FunctionalInterface
public interface TaskSizing {
  /** AWS Batch's (and so our) largest array. */
  int MAX_TASKS = 10_000;

  /** k for these scenes, at least 1. */
  int scenesPerTask(List<SceneEntry> scenes);

  /**
   * The embedded engine's choice: one scene per child (children start in-process at no cost, a retry redoes one
   * scene, and the stages overlap scene by scene), raised only as far as keeps the run within {@value #MAX_TASKS}
   * tasks.
   */
  static TaskSizing embedded() {
    return scenes -> minimumFor(scenes.size());
  }

  /** The smallest k that keeps n scenes within {@value #MAX_TASKS} tasks. */
  static int minimumFor(int scenes) {
    return Math.max(1, (scenes + MAX_TASKS - 1) / MAX_TASKS);
  }
}
