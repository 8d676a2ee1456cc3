package dev.scenelift.marker;

import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;

import dev.scenelift.json.Json;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Reads and writes completion markers and failure records, where {@link KeyLayout} puts them. */
public final class MarkerStore {
  private final S3Client s3;
  private final KeyLayout layout;

  public MarkerStore(S3Client s3, KeyLayout layout) {
    this.s3 = s3;
    this.layout = layout;
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
  }

  public void markFailed(FailureRecord record) {
    put(layout.failure(record.stage(), record.scene()), Json.writeBytes(record));
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
    try {
      s3.headObject(b -> b.bucket(loc.bucket()).key(loc.key()));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  private Optional<byte[]> get(S3Location loc) {
    try {
      return Optional.of(s3.getObjectAsBytes(b -> b.bucket(loc.bucket()).key(loc.key())).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
