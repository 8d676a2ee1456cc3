package dev.scenelift.cloud;

/** What happened to one scene in this run. */
enum SceneStatus {
  /** Judged from its QA band (first time, or {@code --recompute}). */
  JUDGED,
  /** Re-judged from its stored {@code cloud.json}, without reading the band. */
  REJUDGED,
  /** No fetch-scene marker: not judged, no output written. */
  NOT_READY,
  /** Not judged because fetch-scene failed it: that stage's failure record is the scene's cause. */
  UPSTREAM_FAILED,
  /** Failed; a failure record names the cause. */
  FAILED
}
