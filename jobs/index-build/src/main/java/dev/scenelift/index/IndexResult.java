package dev.scenelift.index;

import dev.scenelift.marker.FailureRecord;
import dev.scenelift.store.S3Location;
import java.util.List;

/**
 * The outcome of one index run.
 *
 * @param rendered scenes rendered this run
 * @param unchanged scenes whose inputs had not changed
 * @param missing scenes expected but without objects
 * @param failed scenes that failed, one line each
 * @param sceneFailures every failure record of the tile's scenes, of any stage, this run's included
 * @param pagesWritten listing pages written (changed ones only)
 * @param collections per collection (full tile, cloud-free, COG research set) its scene count and pages
 * @param catalog the STAC root catalog
 */
public record IndexResult(
    int rendered,
    int unchanged,
    int missing,
    List<String> failed,
    List<FailureRecord> sceneFailures,
    int pagesWritten,
    List<CollectionCount> collections,
    S3Location catalog) {
  public IndexResult {
    failed = List.copyOf(failed);
    sceneFailures = List.copyOf(sceneFailures);
    collections = List.copyOf(collections);
  }

  /**
   * One collection of the tile after the run.
   *
   * @param pages where its thumbindex.html and AAlist.html are
   * @param scenes how many scenes it holds
   * @param rule its rule in words
   */
  public record CollectionCount(CollectionPages pages, int scenes, String rule) {}
}
