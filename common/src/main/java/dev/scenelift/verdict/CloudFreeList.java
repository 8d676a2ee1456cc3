package dev.scenelift.verdict;

import dev.scenelift.scene.SceneId;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The judged scenes of a run (or of one array child's part of it), and from them the cloud-free set.
 *
 * @param runId the run
 * @param scenes one entry per judged scene
 */
public record CloudFreeList(String runId, List<Entry> scenes) {
  public CloudFreeList {
    Objects.requireNonNull(runId, "runId");
    scenes = List.copyOf(scenes);
  }

  /**
   * One judged scene.
   *
   * @param scene the scene
   * @param cloudFree the verdict
   * @param reason why
   * @param cloudPercent QA-derived cloud percent (as {@link CloudVerdict#cloudPercent()})
   * @param fillPercent fill percent of the tile
   */
  public record Entry(SceneId scene, boolean cloudFree, String reason, double cloudPercent, double fillPercent) {
    public Entry {
      Objects.requireNonNull(scene, "scene");
      Objects.requireNonNull(reason, "reason");
    }

    public static Entry of(CloudVerdict v) {
      return new Entry(v.scene(), v.cloudFree(), v.reason(), v.cloudPercent(), v.fillPercent());
    }
  }

  /** The cloud-free scenes, sorted by id. */
  public List<SceneId> cloudFree() {
    return scenes.stream()
        .filter(Entry::cloudFree)
        .map(Entry::scene)
        .sorted(Comparator.comparing(SceneId::toString))
        .toList();
  }

  /** {@code cloud-free.txt}: one scene id a line. */
  public String toText() {
    return cloudFree().stream().map(SceneId::toString).map(s -> s + "\n").collect(Collectors.joining());
  }
}
