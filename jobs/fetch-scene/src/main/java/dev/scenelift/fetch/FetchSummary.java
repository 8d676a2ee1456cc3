package dev.scenelift.fetch;

/**
 * How one array child's scenes went.
 *
 * @param done scenes fetched now
 * @param skipped scenes that already had a marker
 * @param failed scenes that failed
 * @param unrecorded failed scenes whose failure record could not be written (a retry redoes them)
 * @param bytes bundle bytes read for the scenes fetched now
 */
record FetchSummary(int done, int skipped, int failed, int unrecorded, long bytes) {
  static final FetchSummary NONE = new FetchSummary(0, 0, 0, 0, 0);

  FetchSummary plus(FetchSummary other) {
    return new FetchSummary(
        done + other.done,
        skipped + other.skipped,
        failed + other.failed,
        unrecorded + other.unrecorded,
        bytes + other.bytes);
  }

  String line() {
    return "fetch-scene: done=" + done + " skipped=" + skipped + " failed=" + failed
        + (unrecorded > 0 ? " unrecorded=" + unrecorded : "") + " bytes=" + bytes;
  }
}
