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
 * @param thumbIndex where thumbindex.html is
 * @param listings where the top AAlist.html pages are
 * @param catalog the STAC root catalog
 */
public record IndexResult(
    int rendered,
    int unchanged,
    int missing,
    List<String> failed,
    List<FailureRecord> sceneFailures,
    int pagesWritten,
    S3Location thumbIndex,
    List<S3Location> listings,
    S3Location catalog) {
  public IndexResult {
    failed = List.copyOf(failed);
    sceneFailures = List.copyOf(sceneFailures);
    listings = List.copyOf(listings);
  }
}
