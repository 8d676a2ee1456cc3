package dev.scenelift.cloud;

import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.SceneException;
import dev.scenelift.scene.Stage;
import dev.scenelift.marker.FailureRecord;
import dev.scenelift.marker.MarkerStore;
import dev.scenelift.verdict.CloudFreeList;
import dev.scenelift.verdict.CloudFreeLists;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One array child's run: judges its scenes one by one (a failed scene gets a failure record and the next scene goes
 * on), writes its part of the cloud-free list, and merges the run's lists when every part is present.
 */
final class CloudFilterJob {
  private final SceneFilter filter;
  private final MarkerStore markers;
  private final CloudFreeLists lists;
  private final FilterSettings settings;
  private final int taskCount;
  private final Clock clock;

  CloudFilterJob(SceneFilter filter, MarkerStore markers, CloudFreeLists lists, FilterSettings settings, int taskCount,
      Clock clock) {
    this.filter = filter;
    this.markers = markers;
    this.lists = lists;
    this.settings = settings;
    this.taskCount = taskCount;
    this.clock = clock;
  }

  /** Judges the scenes; prints one line per scene to {@code out}, one line per failure to {@code err}. */
  List<SceneOutcome> run(List<SceneEntry> scenes, PrintStream out, PrintStream err) {
    List<SceneOutcome> outcomes = new ArrayList<>();
    for (SceneEntry entry : scenes) {
      SceneOutcome o;
      try {
        o = filter.filter(entry.id());
        out.println(entry.id() + ": " + o.message());
      } catch (SceneException e) {
        err.println(e.oneLine());
        markers.markFailed(
            new FailureRecord(e.scene(), Stage.FILTER, settings.runId(), e.kind(), e.getMessage(), settings.attempt(),
                clock.instant()));
        o = new SceneOutcome(entry.id(), SceneStatus.FAILED, java.util.Optional.empty(), e.getMessage());
      }
      outcomes.add(o);
    }
    List<CloudFreeList.Entry> judged =
        outcomes.stream().flatMap(o -> o.verdict().stream()).map(CloudFreeList.Entry::of).toList();
    lists.writePart(settings.arrayIndex(), new CloudFreeList(settings.runId(), judged));
    lists.mergeIfComplete(settings.runId(), taskCount)
        .ifPresent(m -> out.println("cloud-free list merged: " + m.cloudFree().size() + " of " + m.scenes().size()
            + " judged scenes at " + lists.textLocation(settings.runId())));
    Map<SceneStatus, Integer> counts = new EnumMap<>(SceneStatus.class);
    outcomes.forEach(o -> counts.merge(o.status(), 1, Integer::sum));
    long free = outcomes.stream().filter(o -> o.verdict().map(v -> v.cloudFree()).orElse(false)).count();
    out.println("cloud-filter: " + scenes.size() + " scenes, " + free + " cloud-free; " + counts);
    return outcomes;
  }
}
