package dev.scenelift.task;

import dev.scenelift.event.EventPublisher;
import dev.scenelift.event.EventPublishers;
import dev.scenelift.job.ExitCodes;
import dev.scenelift.job.JobConfig;
import dev.scenelift.job.JobConfigException;
import dev.scenelift.manifest.MalformedManifestException;
import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.store.S3ClientFactory;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What every per-scene job opens before its own work, in this order: the configuration from the environment, the
 * process's one S3 client, the event publisher, the run manifest, and this array child's scenes. A step that fails
 * stops the opening with a {@link TaskStartException} carrying one line and the exit code it deserves; whatever was
 * opened by then is closed.
 *
 * <p>The caller owns the task and closes it (the publisher, then the S3 client); closing twice is safe.
 */
public final class ArrayChildTask implements AutoCloseable {
  private final JobConfig config;
  private final S3Client s3;
  private final EventPublisher events;
  private final RunManifest manifest;
  private final List<SceneEntry> scenes;
  private boolean closed;

  private ArrayChildTask(
      JobConfig config, S3Client s3, EventPublisher events, RunManifest manifest, List<SceneEntry> scenes) {
    this.config = config;
    this.s3 = s3;
    this.events = events;
    this.manifest = manifest;
    this.scenes = List.copyOf(scenes);
  }

  public static ArrayChildTask open(Map<String, String> env) throws TaskStartException {
    JobConfig config;
    try {
      config = JobConfig.fromEnv(env);
    } catch (JobConfigException e) {
      throw new TaskStartException(e.getMessage(), ExitCodes.USAGE);
    }
    S3Client s3 = S3ClientFactory.create(config.s3());
    EventPublisher events = null;
    try {
      events = EventPublishers.forJob(config);
      RunManifest manifest = readManifest(s3, config);
      return new ArrayChildTask(config, s3, events, manifest, scenesOf(manifest, config));
    } catch (TaskStartException | RuntimeException e) {
      closeQuietly(events);
      s3.close();
      throw e;
    }
  }

  private static RunManifest readManifest(S3Client s3, JobConfig config) throws TaskStartException {
    try {
      return new ManifestStore(s3).read(config.manifest());
    } catch (SdkException | MalformedManifestException e) {
      throw new TaskStartException(
          "cannot read the run manifest " + config.manifest() + ": " + e.getMessage(), ExitCodes.INFRASTRUCTURE);
    }
  }

  private static List<SceneEntry> scenesOf(RunManifest manifest, JobConfig config) throws TaskStartException {
    try {
      return manifest.scenesOf(config.arrayIndex());
    } catch (IllegalArgumentException e) {
      throw new TaskStartException(e.getMessage(), ExitCodes.USAGE);
    }
  }

  public JobConfig config() {
    return config;
  }

  public S3Client s3() {
    return s3;
  }

  public EventPublisher events() {
    return events;
  }

  public RunManifest manifest() {
    return manifest;
  }

  /** This array child's scenes, in manifest order. */
  public List<SceneEntry> scenes() {
    return scenes;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      events.close();
    } finally {
      s3.close();
    }
  }

  private static void closeQuietly(EventPublisher events) {
    if (events != null) {
      try {
        events.close();
      } catch (RuntimeException ignored) {
        // the opening already failed; that failure is the one to report
      }
    }
  }
}
