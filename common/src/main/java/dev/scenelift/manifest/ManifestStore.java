package dev.scenelift.manifest;

import dev.scenelift.json.Json;
import dev.scenelift.store.S3Location;
import java.io.UncheckedIOException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Writes a run's manifest before any job starts, and reads it in each array child. */
public final class ManifestStore {
  private final S3Client s3;

  public ManifestStore(S3Client s3) {
    this.s3 = s3;
  }

  /** Writes {@code runs/<run-id>/manifest.json} and returns where it went. */
  public S3Location write(RunManifest manifest) {
    S3Location loc = manifest.layout().manifest(manifest.runId());
    s3.putObject(
        b -> b.bucket(loc.bucket()).key(loc.key()).contentType("application/json"),
        RequestBody.fromBytes(Json.writeBytes(manifest)));
    return loc;
  }

  /**
   * Reads a run's manifest.
   *
   * @throws MalformedManifestException when the object is not a valid manifest (S3 failures pass through as the SDK's)
   */
  public RunManifest read(S3Location loc) {
    byte[] body = s3.getObjectAsBytes(b -> b.bucket(loc.bucket()).key(loc.key())).asByteArray();
    try {
      return Json.read(body, RunManifest.class);
    } catch (UncheckedIOException | IllegalArgumentException e) {
      throw new MalformedManifestException(loc, e);
    }
  }
}
