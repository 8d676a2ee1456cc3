package dev.scenelift.marker;

import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import java.time.Instant;

/**
 * Why a scene failed in a stage; removed again when a later attempt finishes the scene.
 *
 * @param scene the scene
 * @param stage the stage
 * @param runId the run
 * @param kind a short failure kind, e.g. {@code md5-mismatch}
 * @param message the one-line cause
 * @param attempt the Batch attempt
 * @param at when it failed
 */
public record FailureRecord(
    SceneId scene, Stage stage, String runId, String kind, String message, int attempt, Instant at) {}
