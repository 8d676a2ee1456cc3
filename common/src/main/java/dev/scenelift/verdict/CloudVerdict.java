package dev.scenelift.verdict;

import dev.scenelift.scene.SceneId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * cloud-filter's judgement of one scene, stored as {@code cloud.json} in the scene's raw folder. cog-convert reads
 * {@link #cloudFree()} to pick scenes; index-build shows the percentages and the badge.
 *
 * @param scene the scene
 * @param cloudFree the verdict: passes every threshold
 * @param reason why (e.g. {@code "cloud 23.4% > 10%"}, or {@code "clear"})
 * @param percent QA-derived percentages over the non-fill pixels ({@code clear, water, cloud, cloud_high,
 *     cloud_medium, cloud_low, shadow, snow, cirrus}), plus {@code fill} over the whole tile
 * @param metadata values from the XML metadata ({@code cloud_cover, cloud_shadow, snow_ice, fill}), percent
 * @param thresholds the thresholds used, as given ({@code max-cloud, max-shadow, max-fill, …})
 * @param runId the run that judged it
 * @param judged when
 */
public record CloudVerdict(
    SceneId scene,
    boolean cloudFree,
    String reason,
    Map<String, Double> percent,
    Map<String, Double> metadata,
    Map<String, String> thresholds,
    String runId,
    Instant judged) {

  public CloudVerdict {
    Objects.requireNonNull(scene, "scene");
    Objects.requireNonNull(reason, "reason");
    percent = Map.copyOf(percent);
    metadata = Map.copyOf(metadata);
    thresholds = Map.copyOf(thresholds);
  }

  /** QA-derived cloud percentage of non-fill pixels. */
  public double cloudPercent() {
    return percent.getOrDefault("cloud", Double.NaN);
  }

  /** Fill percentage of the whole tile. */
  public double fillPercent() {
    return percent.getOrDefault("fill", Double.NaN);
  }
}
