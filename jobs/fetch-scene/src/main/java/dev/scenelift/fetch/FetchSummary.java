package dev.scenelift.fetch;

/**
 * How one array child's scenes went.
 *
 * @param done scenes fetched now
 * @param skipped scenes that already had a marker
 * @param failed scenes that failed
 * @param bytes bundle bytes read for the scenes fetched now
 */
record FetchSummary(int done, int skipped, int failed, long bytes) {
  FetchSummary plus(FetchSummary other) {
    return new FetchSummary(
        done + other.done, skipped + other.skipped, failed + other.failed, bytes + other.bytes);
  }

  String line() {
    return "fetch-scene: done=" + done + " skipped=" + skipped + " failed=" + failed + " bytes=" + bytes;
  }
}
