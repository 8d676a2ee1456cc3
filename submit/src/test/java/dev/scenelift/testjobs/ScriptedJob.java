package dev.scenelift.testjobs;

import dev.scenelift.job.ExitCodes;
import dev.scenelift.job.JobConfig;
import dev.scenelift.job.JobEntryPoint;
import dev.scenelift.job.JobEnv;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Stage;
import dev.scenelift.marker.CompletionMarker;
import dev.scenelift.marker.FailureRecord;
import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.marker.MarkerStore;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Location;
import dev.scenelift.store.StoredObject;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A test job registered like the real ones (META-INF/services), scripted through its environment:
 *
 * <ul>
 *   <li>{@code SCRIPT_RECORD_DIR}: each attempt writes a record file there (stage, index, job id, attempt, start and
 *       end in nanoseconds);
 *   <li>{@code SCRIPT_SLEEP_MS} / {@code SCRIPT_SLEEP_MS_<stage>_<index>}: how long an attempt takes;
 *   <li>{@code SCRIPT_EXITS_<stage>_<index>}: exit code per attempt, e.g. {@code 3,3,0}; {@code x} throws;
 *   <li>with {@code SCENELIFT_MANIFEST} set, it does a stage's work for real on the store: for each scene of its task
 *       an output object and a completion marker (skipping scenes already done unless forced), or a failure record
 *       for the scenes in {@code SCRIPT_FAIL_SCENES} ({@code <stage>:<scene-id>,…}), skipping scenes an earlier stage
 *       failed, and exiting 0 as the real jobs do once every scene ended.
 * </ul>
 */
public abstract class ScriptedJob implements JobEntryPoint {
  public static final String RECORD_DIR = "SCRIPT_RECORD_DIR";
  public static final String SLEEP_MS = "SCRIPT_SLEEP_MS";
  public static final String EXITS = "SCRIPT_EXITS";
  public static final String FAIL_SCENES = "SCRIPT_FAIL_SCENES";
  public static final int OUTPUT_BYTES = 1000;

  private final Stage stage;

  protected ScriptedJob(Stage stage) {
    this.stage = stage;
  }

  @Override
  public Stage stage() {
    return stage;
  }

  /** {@code SCRIPT_EXITS_fetch-scene_2}-style key of this stage and index. */
  public static String key(String prefix, Stage stage, int index) {
    return prefix + "_" + stage.jobName() + "_" + index;
  }

  @Override
  public int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    long start = System.nanoTime();
    int index = Integer.parseInt(env.getOrDefault(JobEnv.ARRAY_INDEX, "0"));
    int attempt = Integer.parseInt(env.get(JobEnv.ATTEMPT));
    long sleep = Long.parseLong(env.getOrDefault(key(SLEEP_MS, stage, index), env.getOrDefault(SLEEP_MS, "0")));
    try {
      Thread.sleep(sleep);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.INFRASTRUCTURE;
    }
    String exit = exitFor(env.get(key(EXITS, stage, index)), attempt);
    int code = exit.equals("x") ? -1 : Integer.parseInt(exit);
    if (code == 0 && env.containsKey(JobEnv.MANIFEST)) {
      code = work(env, out);
    }
    record(env, index, attempt, start);
    if (code == -1) {
      throw new IllegalStateException("scripted crash of " + stage + "[" + index + "] attempt " + attempt);
    }
    return code;
  }

  private static String exitFor(String script, int attempt) {
    if (script == null) {
      return "0";
    }
    String[] codes = script.split(",");
    return codes[Math.min(attempt, codes.length) - 1].trim();
  }

  private void record(Map<String, String> env, int index, int attempt, long start) {
    String dir = env.get(RECORD_DIR);
    if (dir == null) {
      return;
    }
    String line =
        String.join(
            " ",
            stage.jobName(),
            Integer.toString(index),
            env.get(JobEnv.JOB_ID),
            Integer.toString(attempt),
            Long.toString(start),
            Long.toString(System.nanoTime()),
            env.containsKey(JobEnv.ARRAY_INDEX) ? "array" : "plain");
    try {
      Files.writeString(
          Path.of(dir).resolve(stage.jobName() + "-" + index + "-" + attempt + ".rec"), line, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int work(Map<String, String> env, PrintStream out) {
    JobConfig config = JobConfig.fromEnv(env);
    Set<String> failing = Set.copyOf(Arrays.asList(env.getOrDefault(FAIL_SCENES, "").split(",")));
    try (S3Client s3 = S3ClientFactory.create(config.s3())) {
      RunManifest manifest = new ManifestStore(s3).read(config.manifest());
      MarkerStore markers = new MarkerStore(s3, manifest.layout());
      List<SceneEntry> scenes =
          stage == Stage.INDEX ? List.of() : manifest.scenesOf(config.arrayIndex());
      for (SceneEntry scene : scenes) {
        if (!config.force() && markers.isDone(stage, scene.id())) {
          out.println(scene.id() + " already done");
          continue;
        }
        if (markers.failureBefore(stage, scene.id()).isPresent()) {
          out.println(scene.id() + " failed by an earlier stage, skipped");
          continue;
        }
        Instant started = Instant.now();
        if (failing.contains(stage.jobName() + ":" + scene.id())) {
          markers.markFailed(
              new FailureRecord(
                  scene.id(), stage, config.runId(), "scripted", "scripted failure of " + scene.id(),
                  config.attempt(), Instant.now()));
          continue;
        }
        S3Location output =
            manifest.layout().sceneDir(manifest.layout().rootOf(stage), scene.id()).resolve(stage.jobName() + ".out");
        s3.putObject(
            b -> b.bucket(output.bucket()).key(output.key()), RequestBody.fromBytes(new byte[OUTPUT_BYTES]));
        markers.markDone(
            new CompletionMarker(
                scene.id(),
                stage,
                config.runId(),
                List.of(new StoredObject(output.key(), OUTPUT_BYTES, "none:")),
                Map.of(),
                manifest.source(),
                started,
                Instant.now(),
                config.attempt(),
                "test",
                Map.of()));
      }
      return ExitCodes.OK; // failed scenes have their failure records: the child's contract (ExitCodes)
    }
  }
}
