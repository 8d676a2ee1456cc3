package dev.scenelift.runs;

import dev.scenelift.json.Json;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Reads and writes {@code runs/<run-id>/jobs.json} beside the run's manifest. */
public final class RunJobsStore {
  public static final String FILE = "jobs.json";

  private final S3Client s3;
  private final KeyLayout layout;

  public RunJobsStore(S3Client s3, KeyLayout layout) {
    this.s3 = s3;
    this.layout = layout;
  }

  public S3Location location(String runId) {
    return layout.runDir(runId).resolve(FILE);
  }

  public Optional<RunJobs> read(String runId) {
    S3Location loc = location(runId);
    try {
      return Optional.of(
          Json.read(s3.getObjectAsBytes(b -> b.bucket(loc.bucket()).key(loc.key())).asByteArray(), RunJobs.class));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  public void write(RunJobs jobs) {
    S3Location loc = location(jobs.runId());
    s3.putObject(
        b -> b.bucket(loc.bucket()).key(loc.key()).contentType("application/json"),
        RequestBody.fromBytes(Json.writeBytes(jobs)));
  }
}
