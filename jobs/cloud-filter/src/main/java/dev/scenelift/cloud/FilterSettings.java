package dev.scenelift.cloud;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How this child runs, apart from the thresholds.
 *
 * @param runId the run
 * @param arrayIndex this child's index
 * @param attempt the Batch attempt
 * @param recompute read the QA band even when a stored cloud.json could be re-judged
 * @param promote what to do with cloud-free scenes
 * @param qaRead how the QA band is read
 * @param tempRoot where QA bands are downloaded (one temp directory per scene, deleted after)
 * @param toolVersion scenelift's version, for the markers
 */
record FilterSettings(
    String runId, int arrayIndex, int attempt, boolean recompute, PromoteMode promote, QaRead qaRead, Path tempRoot,
    String toolVersion) {
  FilterSettings {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(promote, "promote");
    Objects.requireNonNull(qaRead, "qaRead");
    Objects.requireNonNull(tempRoot, "tempRoot");
    Objects.requireNonNull(toolVersion, "toolVersion");
  }
}
