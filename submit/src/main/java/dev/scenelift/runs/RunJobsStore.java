package dev.scenelift.runs;

import dev.scenelift.store.S3Reads;

import dev.scenelift.json.Json;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

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
    return S3Reads.bytesIfPresent(s3, location(runId)).map(body -> Json.read(body, RunJobs.class));
  }

  /**
   * Records the final states of a run's jobs, for engines whose jobs end with the process: later status and watch
   * read them from here.
   */
  public void recordEnded(String runId, java.util.Collection<dev.scenelift.batch.JobState> states) {
    read(runId).ifPresent(jobs -> write(jobs.withEnded(java.util.List.copyOf(states))));
  }

  public void write(RunJobs jobs) {
    S3Location loc = location(jobs.runId());
    s3.putObject(
        b -> b.bucket(loc.bucket()).key(loc.key()).contentType("application/json"),
        RequestBody.fromBytes(Json.writeBytes(jobs)));
  }
}
