package dev.scenelift.index;

import dev.scenelift.marker.FailureRecord;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One row of a page's "Failed scenes" table: which scene, which stage failed it, why, in which run and when. Rendered
 * as text (the message is the stage's one-line cause, escaped like every value).
 */
record FailureRow(String scene, String stage, String kind, String message, String runId, String at) {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  static FailureRow of(FailureRecord f) {
    return new FailureRow(
        f.scene().toString(), f.stage().jobName(), f.kind(), f.message(), f.runId(), TIME.format(f.at()));
  }

  static List<FailureRow> of(List<FailureRecord> failures) {
    return failures.stream().map(FailureRow::of).toList();
  }
}
