/**
 * Per-scene events on SQS: one JSON {@link dev.scenelift.event.SceneEvent} per scene and stage ({@code scene.fetched},
 * {@code scene.filtered}, {@code scene.converted}, {@code scene.failed}, {@code run.indexed}), sent in batches of up
 * to 10; a failed send is retried, then logged and dropped, never failing the scene. Without {@code
 * SCENELIFT_EVENTS_QUEUE} the publisher is a no-op.
 *
 * <p>In a job's pipeline:
 *
 * <pre>{@code
 * try (EventPublisher events = EventPublishers.forJob(config)) {          // in main, beside the S3 client
 *   events.publish(SceneEvent.succeeded(config, stage, scene, bytes, took)); // after markDone
 *   events.publish(SceneEvent.failed(config, stage, scene, e.getMessage(), took)); // after markFailed
 * }
 * }</pre>
 */
package dev.scenelift.event;
