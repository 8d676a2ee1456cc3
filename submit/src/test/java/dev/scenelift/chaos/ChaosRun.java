package dev.scenelift.chaos;

import dev.scenelift.job.JobEnv;
import dev.scenelift.batch.JobState;
import dev.scenelift.batch.JobStatus;
import dev.scenelift.engine.ChildLogs;
import dev.scenelift.engine.EntryPoints;
import dev.scenelift.engine.LocalBatchEngine;
import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.plan.Buckets;
import dev.scenelift.plan.RunPlan;
import dev.scenelift.plan.RunPlanner;
import dev.scenelift.plan.RunRequest;
import dev.scenelift.runs.StageChain;
import dev.scenelift.source.SceneFilter;
import dev.scenelift.plan.TaskSizing;
import dev.scenelift.scene.Stage;
import dev.scenelift.scene.Tile;
import dev.scenelift.source.Catalogs;
import dev.scenelift.source.SourceOptions;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;
import dev.scenelift.store.S3Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A synthetic run of the four real jobs on the embedded engine, planned like {@code submit-run --source synthetic:N}
 * but with the jobs' S3 endpoint chosen by the test (e.g. a {@code FaultProxy} in front of the store): the seam the
 * CLI does not open.
 */
final class ChaosRun {
  static final String BUCKET = "scenelift";
  static final KeyLayout LAYOUT = KeyLayout.inBucket(BUCKET);
  static final Tile TILE = Tile.parse("h03v03");

  private ChaosRun() {}

  /** The real jobs' entry points: everything registered except this module's scripted test jobs. */
  static EntryPoints realJobs() {
    return EntryPoints.load(
        ChaosRun.class.getClassLoader(), type -> !type.getPackageName().equals("dev.scenelift.testjobs"));
  }

  /**
   * Plans {@code synthetic:<scenes>} at {@code size} pixels, one scene per task, every scene converted to COGs
   * (manifest option {@code cog=all}, so that cloudy synthetic scenes are not skipped), and writes its manifest.
   */
  static Planned plan(S3Client direct, S3Settings store, Path dataDir, int scenes, int size) throws Exception {
    return plan(direct, store, dataDir, scenes, size, 1);
  }

  static Planned plan(S3Client direct, S3Settings store, Path dataDir, int scenes, int size, int scenesPerTask)
      throws Exception {
    Buckets.ensure(direct, BUCKET);
    String source = "synthetic:" + scenes;
    var catalog = Catalogs.forSource(source, new SourceOptions(dataDir, store, size, Optional.empty()));
    RunPlan plan =
        new RunPlanner(LAYOUT, TaskSizing.embedded(), Clock.systemUTC())
            .plan(new RunRequest(TILE, source, SceneFilter.all(), OptionalInt.of(scenesPerTask), Map.of("cog", "all")), catalog);
    S3Location manifest = new ManifestStore(direct).write(plan.manifest());
    return new Planned(plan, manifest);
  }

  record Planned(RunPlan plan, S3Location manifest) {}

  /**
   * Runs the planned chain with the jobs talking to {@code jobStore}; returns each stage's final status.
   *
   * @throws IllegalStateException when the run does not end within {@code timeout}
   */
  static Map<Stage, JobState> execute(
      Planned planned, S3Settings jobStore, ExecutorService executor, Path logs, Duration timeout) throws Exception {
    return execute(planned, jobStore, executor, logs, timeout, Map.of());
  }

  static Map<Stage, JobState> execute(
      Planned planned,
      S3Settings jobStore,
      ExecutorService executor,
      Path logs,
      Duration timeout,
      Map<String, String> baseEnvironment)
      throws Exception {
    StageChain chain = new StageChain(Optional.empty(), false, JobEnv.forStore(jobStore));
    try (LocalBatchEngine engine =
        new LocalBatchEngine(executor, realJobs(), baseEnvironment, ChildLogs.directory(logs))) {
      Map<Stage, String> ids =
          chain.submitByStage(planned.plan().manifest(), planned.manifest(), engine);
      Instant deadline = Instant.now().plus(timeout);
      while (true) {
        Map<Stage, JobState> states = new EnumMap<>(Stage.class);
        for (Map.Entry<Stage, String> e : ids.entrySet()) {
          states.put(e.getKey(), engine.describe(List.of(e.getValue())).get(0));
        }
        if (states.values().stream().allMatch(s -> terminal(s.status()))) {
          return states;
        }
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("the run did not end within " + timeout + ": " + new ArrayList<>(states.values()));
        }
        Thread.sleep(50);
      }
    }
  }

  /** Every child log under {@code dir}, for failure messages. */
  static String logs(Path dir) throws java.io.IOException {
    if (!java.nio.file.Files.isDirectory(dir)) {
      return "(no logs)";
    }
    StringBuilder all = new StringBuilder();
    try (var files = java.nio.file.Files.walk(dir)) {
      for (Path f : files.filter(java.nio.file.Files::isRegularFile).sorted().toList()) {
        all.append("== ").append(dir.relativize(f)).append('\n').append(java.nio.file.Files.readString(f));
      }
    }
    return all.toString();
  }

  private static boolean terminal(JobStatus status) {
    return status == JobStatus.SUCCEEDED || status == JobStatus.FAILED;
  }
}
