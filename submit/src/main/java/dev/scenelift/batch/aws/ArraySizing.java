package dev.scenelift.batch.aws;

import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.plan.TaskSizing;
import java.util.List;
import java.util.OptionalInt;

/**
 * Chooses k, the scenes per array child. AWS recommends 3–5 minutes of work per child; the default aims at {@value
 * #TARGET_SECONDS} s of fetch-scene (the longest stage per byte) for the median scene size, using {@link
 * StageProfile#FETCH_BYTES_PER_SECOND}: a ~575 MB scene takes ~29 s, so k = 8. An array holds at most {@value
 * TaskSizing#MAX_TASKS} children: the default k is raised until it fits; an explicit k that does not fit is an error.
 */
public final class ArraySizing {
  public static final int TARGET_SECONDS = 240;

  private ArraySizing() {}

  /** k for these scenes, or the explicit one after checking it fits. */
  public static int scenesPerTask(List<SceneEntry> scenes, OptionalInt explicit) {
    int n = scenes.size();
    if (explicit.isPresent()) {
      int k = explicit.getAsInt();
      if (k < 1) {
        throw new IllegalArgumentException("--scenes-per-task must be at least 1, got " + k);
      }
      long tasks = tasks(n, k);
      if (tasks > TaskSizing.MAX_TASKS) {
        throw new IllegalArgumentException(
            "--scenes-per-task "
                + k
                + " makes "
                + tasks
                + " array tasks for "
                + n
                + " scenes; AWS Batch allows at most "
                + TaskSizing.MAX_TASKS
                + ": use --scenes-per-task "
                + minimum(n)
                + " or more");
      }
      return k;
    }
    return Math.max(byDuration(medianBytes(scenes)), minimum(n));
  }

  /** k that gives about {@link #TARGET_SECONDS} of fetching per child for scenes of {@code bytes}. */
  public static int byDuration(long bytes) {
    double seconds = StageProfile.of(dev.scenelift.scene.Stage.FETCH).secondsPerScene(bytes);
    return (int) Math.max(1, Math.round(TARGET_SECONDS / Math.max(seconds, 0.001)));
  }

  /** The smallest k that keeps {@code n} scenes within {@link TaskSizing#MAX_TASKS} children. */
  public static int minimum(int n) {
    return TaskSizing.minimumFor(n);
  }

  /** The median known (non-zero) scene size, or {@link StageProfile#TYPICAL_SCENE_BYTES} when no size is known. */
  public static long medianBytes(List<SceneEntry> scenes) {
    long[] known = scenes.stream().mapToLong(SceneEntry::knownBytes).filter(b -> b > 0).sorted().toArray();
    return known.length == 0 ? StageProfile.TYPICAL_SCENE_BYTES : known[known.length / 2];
  }

  private static long tasks(int n, int k) {
    return (n + (long) k - 1) / k;
  }
}
