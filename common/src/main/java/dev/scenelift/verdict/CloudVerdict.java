package dev.scenelift.verdict;

import dev.scenelift.collection.Membership;
import dev.scenelift.collection.TileCollection;
import dev.scenelift.scene.SceneId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * cloud-filter's judgement of one scene, stored as {@code cloud.json} in the scene's raw folder: its QA percentages and
 * which collections ({@link TileCollection}) it belongs to, and why not. cog-convert converts the members of the COG
 * research set; index-build pages each collection's members and shows the percentages and badges.
 *
 * @param scene the scene
 * @param cloudFree member of the cloud-free collection (as {@code collections.cloud-free.member})
 * @param reason why, for the cloud-free collection (e.g. {@code "cloud 23.4% > 10%"}, or {@code "clear"})
 * @param collections by {@link TileCollection#id()}, every collection in order: member or not, and why
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
    Map<String, Membership> collections,
    Map<String, Double> percent,
    Map<String, Double> metadata,
    Map<String, String> thresholds,
    String runId,
    Instant judged) {

  public CloudVerdict {
    Objects.requireNonNull(scene, "scene");
    Objects.requireNonNull(reason, "reason");
    collections = collections == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(collections));
    percent = Map.copyOf(percent);
    metadata = Map.copyOf(metadata);
    thresholds = Map.copyOf(thresholds);
  }

  /**
   * The verdict of a judgement: {@code cloudFree} and {@code reason} are the cloud-free collection's membership.
   *
   * @param memberships every collection's, as {@link dev.scenelift.collection.CollectionRules#judge} gives them
   */
  public static CloudVerdict of(
      SceneId scene,
      Map<TileCollection, Membership> memberships,
      Map<String, Double> percent,
      Map<String, Double> metadata,
      Map<String, String> thresholds,
      String runId,
      Instant judged) {
    Map<String, Membership> byId = new LinkedHashMap<>();
    memberships.forEach((c, m) -> byId.put(c.id(), m));
    Membership cloudFree = memberships.get(TileCollection.CLOUD_FREE);
    return new CloudVerdict(
        scene, cloudFree.member(), cloudFree.reason(), byId, percent, metadata, thresholds, runId, judged);
  }

  /**
   * Whether {@code other} says the same about the scene: everything but the run that judged it and when. A rerun that
   * reaches the same judgement keeps the stored verdict, so its object (and ETag) stays as it was.
   */
  public boolean sameJudgementAs(CloudVerdict other) {
    return scene.equals(other.scene)
        && cloudFree == other.cloudFree
        && reason.equals(other.reason)
        && collections.equals(other.collections)
        && percent.equals(other.percent)
        && metadata.equals(other.metadata)
        && thresholds.equals(other.thresholds);
  }

  /**
   * Whether the scene belongs to {@code collection}; a verdict written before collections were recorded knows only
   * the cloud-free one (and the full tile, which holds every scene).
   */
  public Membership membership(TileCollection collection) {
    Membership m = collections.get(collection.id());
    if (m != null) {
      return m;
    }
    return switch (collection) {
      case FULL -> new Membership(true, "every scene");
      case CLOUD_FREE -> new Membership(cloudFree, reason);
      // a verdict from before the collections: a scene that is not cloud-free is not in the stricter research set
      case COG_RESEARCH -> new Membership(
          false, cloudFree ? "not judged for the COG research set (rerun cloud-filter)" : reason);
    };
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
