package dev.scenelift.fetch;

import java.util.Objects;

/**
 * What this job run is, for markers and failure records.
 *
 * @param runId the run
 * @param source the run's source as submitted
 * @param attempt the Batch attempt
 * @param force redo scenes that already have a marker
 */
record FetchRun(String runId, String source, int attempt, boolean force) {
  FetchRun {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(source, "source");
  }
}
