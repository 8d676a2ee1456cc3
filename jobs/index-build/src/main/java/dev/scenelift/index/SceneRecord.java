package dev.scenelift.index;

import dev.scenelift.collection.TileCollection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the last index run rendered for one scene, kept in the index state so that unchanged scenes are not read again.
 *
 * @param fingerprint digest of the scene's inputs (keys, sizes, ETags) when it was rendered
 * @param judged whether a cloud verdict existed
 * @param cloudFree the verdict
 * @param reason the verdict's reason, as cloud-filter wrote it (shown as text, escaped)
 * @param cloudPercent cloud % (NaN unknown)
 * @param fillPercent fill % (NaN unknown)
 * @param thumbnail whether thumbnails were written
 * @param mapPreview whether a map preview COG was written
 * @param item whether a STAC item and eo3 dataset were written
 * @param measurements the eo3 measurement names of its dataset (empty without one), so that its product can be kept to
 *     the measurements every dataset of it has, unchanged scenes included
 * @param collections ids of the collections the verdict puts the scene in ({@code full} always)
 */
record SceneRecord(
    String fingerprint,
    boolean judged,
    boolean cloudFree,
    String reason,
    double cloudPercent,
    double fillPercent,
    boolean thumbnail,
    boolean mapPreview,
    boolean item,
    List<String> measurements,
    Set<String> collections) {
  SceneRecord {
    Objects.requireNonNull(fingerprint, "fingerprint");
    reason = reason == null ? "" : reason;
    measurements = measurements == null ? List.of() : List.copyOf(measurements);
    collections = collections == null ? Set.of(TileCollection.FULL.id()) : Set.copyOf(collections);
  }

  boolean in(TileCollection collection) {
    return collection == TileCollection.FULL || collections.contains(collection.id());
  }
}
