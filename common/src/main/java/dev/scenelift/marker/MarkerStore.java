package dev.scenelift.marker;

import dev.scenelift.store.S3Reads;

import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;

import dev.scenelift.json.Json;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import dev.scenelift.event.EventPublisher;
import dev.scenelift.event.EventType;
import dev.scenelift.event.SceneEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Reads and writes completion markers and failure records, where {@link KeyLayout} puts them. */
public final class MarkerStore {
  private final S3Client s3;
  private final KeyLayout layout;
  private final EventPublisher events;

  public MarkerStore(S3Client s3, KeyLayout layout) {
    this(s3, layout, EventPublisher.none());
  }

  private MarkerStore(S3Client s3, KeyLayout layout, EventPublisher events) {
    this.s3 = s3;
    this.layout = layout;
    this.events = events;
  }

  /**
   * The same store, announcing every completion and failure it records on {@code events} ({@code scene.fetched},
   * {@code scene.failed}, …). Publishing never fails the scene; the caller owns the publisher.
   */
  public MarkerStore publishingTo(EventPublisher events) {
    return new MarkerStore(s3, layout, events);
  }

  public boolean isDone(Stage stage, SceneId scene) {
    return head(layout.marker(stage, scene));
  }

  public Optional<CompletionMarker> marker(Stage stage, SceneId scene) {
    return get(layout.marker(stage, scene)).map(b -> Json.read(b, CompletionMarker.class));
  }

  public Optional<FailureRecord> failure(Stage stage, SceneId scene) {
    return get(layout.failure(stage, scene)).map(b -> Json.read(b, FailureRecord.class));
  }

  /** Writes the marker (the scene's last write), then removes any earlier failure record. */
  public void markDone(CompletionMarker marker) {
    put(layout.marker(marker.stage(), marker.scene()), Json.writeBytes(marker));
    S3Location failure = layout.failure(marker.stage(), marker.scene());
    s3.deleteObject(b -> b.bucket(failure.bucket()).key(failure.key()));
    events.publish(
        new SceneEvent(
            EventType.succeeded(marker.stage()),
            marker.runId(),
            Optional.of(marker.scene()),
            marker.stage(),
            marker.attempt(),
            marker.bytes(),
            Duration.between(marker.started(), marker.finished()).toMillis() / 1000.0,
            Optional.empty(),
            Instant.now()));
  }

  public void markFailed(FailureRecord record) {
    put(layout.failure(record.stage(), record.scene()), Json.writeBytes(record));
    events.publish(
        new SceneEvent(
            EventType.SCENE_FAILED,
            record.runId(),
            Optional.of(record.scene()),
            record.stage(),
            record.attempt(),
            0,
            0,
            Optional.of(record.message()),
            record.at()));
  }

  /**
   * The failure record of the earliest stage before {@code stage} that failed the scene and has not finished it
   * since: why a scene is not ready for {@code stage}, when an earlier stage already recorded the cause. Reads one
   * object per earlier stage at most, so call it only for scenes found not ready.
   */
  public Optional<FailureRecord> failureBefore(Stage stage, SceneId scene) {
    for (Stage earlier : Stage.values()) {
      if (earlier.ordinal() >= stage.ordinal()) {
        break;
      }
      Optional<FailureRecord> failed = failure(earlier, scene);
      if (failed.isPresent()) {
        return failed;
      }
    }
    return Optional.empty();
  }

  /** Removes a scene's marker, so that it is redone ({@code --force}). */
  public void clearDone(Stage stage, SceneId scene) {
    S3Location marker = layout.marker(stage, scene);
    s3.deleteObject(b -> b.bucket(marker.bucket()).key(marker.key()));
  }

  private void put(S3Location loc, byte[] body) {
    s3.putObject(
        b -> b.bucket(loc.bucket()).key(loc.key()).contentType("application/json"), RequestBody.fromBytes(body));
  }

  private boolean head(S3Location loc) {
    return S3Reads.exists(s3, loc);
  }

  private Optional<byte[]> get(S3Location loc) {
    return S3Reads.bytesIfPresent(s3, loc);
  }
}
