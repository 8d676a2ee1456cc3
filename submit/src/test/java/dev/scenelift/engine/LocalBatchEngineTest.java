package dev.scenelift.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenelift.batch.JobDependency;
import dev.scenelift.batch.JobDependency.DependencyType;
import dev.scenelift.batch.JobRequest;
import dev.scenelift.batch.JobState;
import dev.scenelift.batch.JobStatus;
import dev.scenelift.scene.Stage;
import dev.scenelift.testjobs.ScriptedJob;
import dev.scenelift.testjobs.TestJobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBatchEngineTest {
  @TempDir Path records;

  private final List<ExecutorService> executors = new ArrayList<>();

  @AfterEach
  void stopExecutors() {
    executors.forEach(ExecutorService::shutdownNow);
  }

  /** One attempt of one child, as the scripted job recorded it. */
  record Run(String stage, int index, String jobId, int attempt, long start, long end, boolean array) {}

  @Test
  void arrayChildrenSeeTheirIndexTheirJobIdAndAttemptOne() throws Exception {
    try (LocalBatchEngine engine = engine(4, TestJobs.all())) {
      String id = engine.submit(job(Stage.FETCH, 3, List.of(), Map.of()));
      await(engine, id);
      List<Run> runs = runs();
      assertThat(runs).extracting(Run::index).containsExactly(0, 1, 2);
      assertThat(runs).extracting(Run::jobId).containsExactly(id + ":0", id + ":1", id + ":2");
      assertThat(runs).extracting(Run::attempt).containsOnly(1);
      assertThat(runs).extracting(Run::array).containsOnly(true);
      assertThat(state(engine, id).status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(state(engine, id).count(JobStatus.SUCCEEDED)).isEqualTo(3);
    }
  }

  @Test
  void plainJobGetsNoArrayIndexAndItsOwnJobId() throws Exception {
    try (LocalBatchEngine engine = engine(2, TestJobs.all())) {
      String id = engine.submit(job(Stage.INDEX, 0, List.of(), Map.of()));
      await(engine, id);
      assertThat(runs()).singleElement().satisfies(r -> {
        assertThat(r.array()).isFalse();
        assertThat(r.jobId()).isEqualTo(id);
      });
      assertThat(state(engine, id).children()).isEmpty();
    }
  }

  @Test
  void nToNChildWaitsOnlyForTheSameChildOfItsDependency() throws Exception {
    try (LocalBatchEngine engine = engine(4, TestJobs.all())) {
      Map<String, String> env = Map.of(ScriptedJob.key(ScriptedJob.SLEEP_MS, Stage.FETCH, 2), "800",
          ScriptedJob.SLEEP_MS, "20");
      String fetch = engine.submit(job(Stage.FETCH, 3, List.of(), env));
      String filter =
          engine.submit(job(Stage.FILTER, 3, List.of(new JobDependency(fetch, DependencyType.N_TO_N)), env));
      await(engine, filter);
      List<Run> runs = runs();
      for (int i = 0; i < 3; i++) {
        assertThat(run(runs, "cloud-filter", i).start()).isGreaterThan(run(runs, "fetch-scene", i).end());
      }
      // child 0 of cloud-filter did not wait for the slow child 2 of fetch-scene
      assertThat(run(runs, "cloud-filter", 0).end()).isLessThan(run(runs, "fetch-scene", 2).end());
    }
  }

  @Test
  void wholeDependencyWaitsForEveryChild() throws Exception {
    try (LocalBatchEngine engine = engine(4, TestJobs.all())) {
      Map<String, String> env = Map.of(ScriptedJob.key(ScriptedJob.SLEEP_MS, Stage.COG, 1), "300");
      String cog = engine.submit(job(Stage.COG, 3, List.of(), env));
      String index = engine.submit(job(Stage.INDEX, 0, List.of(new JobDependency(cog, DependencyType.WHOLE)), env));
      await(engine, index);
      List<Run> runs = runs();
      long lastCog = runs.stream().filter(r -> r.stage().equals("cog-convert")).mapToLong(Run::end).max().orElseThrow();
      assertThat(run(runs, "index-build", 0).start()).isGreaterThan(lastCog);
      assertThat(state(engine, index).status()).isEqualTo(JobStatus.SUCCEEDED);
    }
  }

  @Test
  void retriesRetryableExitsWithIncreasingAttemptNumbers() throws Exception {
    try (LocalBatchEngine engine = engine(2, TestJobs.all())) {
      String id = engine.submit(job(Stage.FETCH, 2, List.of(),
          Map.of(ScriptedJob.key(ScriptedJob.EXITS, Stage.FETCH, 1), "3,x,0")));
      await(engine, id);
      assertThat(runs()).filteredOn(r -> r.index() == 1).extracting(Run::attempt).containsExactly(1, 2, 3);
      assertThat(runs()).filteredOn(r -> r.index() == 0).extracting(Run::attempt).containsExactly(1);
      assertThat(state(engine, id).status()).isEqualTo(JobStatus.SUCCEEDED);
    }
  }

  @Test
  void givesUpAfterTheLastAttempt() throws Exception {
    try (LocalBatchEngine engine = engine(2, TestJobs.all())) {
      String id = engine.submit(job(Stage.FETCH, 0, List.of(),
          Map.of(ScriptedJob.key(ScriptedJob.EXITS, Stage.FETCH, 0), "3")));
      await(engine, id);
      assertThat(runs()).extracting(Run::attempt).containsExactly(1, 2, 3);
      JobState state = state(engine, id);
      assertThat(state.status()).isEqualTo(JobStatus.FAILED);
      assertThat(state.reason()).contains("exit code 3 on attempt 3 of 3");
    }
  }

  @Test
  void doesNotRetryScenesFailedOrUsageExits() throws Exception {
    try (LocalBatchEngine engine = engine(2, TestJobs.all())) {
      String id = engine.submit(job(Stage.FETCH, 2, List.of(), Map.of(
          ScriptedJob.key(ScriptedJob.EXITS, Stage.FETCH, 0), "1,0",
          ScriptedJob.key(ScriptedJob.EXITS, Stage.FETCH, 1), "2,0")));
      await(engine, id);
      assertThat(runs()).extracting(Run::attempt).containsOnly(1).hasSize(2);
      assertThat(state(engine, id).count(JobStatus.FAILED)).isEqualTo(2);
    }
  }

  @Test
  void failedDependencyFailsItsDependentsWithoutRunningThem() throws Exception {
    try (LocalBatchEngine engine = engine(2, TestJobs.all())) {
      Map<String, String> env = Map.of(ScriptedJob.key(ScriptedJob.EXITS, Stage.FETCH, 1), "1");
      String fetch = engine.submit(job(Stage.FETCH, 2, List.of(), env));
      String filter =
          engine.submit(job(Stage.FILTER, 2, List.of(new JobDependency(fetch, DependencyType.N_TO_N)), env));
      String index =
          engine.submit(job(Stage.INDEX, 0, List.of(new JobDependency(filter, DependencyType.WHOLE)), env));
      await(engine, index);
      assertThat(runs()).extracting(r -> r.stage() + "-" + r.index())
          .containsExactlyInAnyOrder("fetch-scene-0", "fetch-scene-1", "cloud-filter-0");
      JobState filterState = state(engine, filter);
      assertThat(filterState.status()).isEqualTo(JobStatus.FAILED);
      assertThat(filterState.count(JobStatus.SUCCEEDED)).isEqualTo(1);
      assertThat(filterState.reason()).contains("child 1: dependency", "fetch-scene[1] failed");
      assertThat(engine.describe(List.of(filter + ":0")).get(0).status()).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(state(engine, index).status()).isEqualTo(JobStatus.FAILED);
    }
  }

  @Test
  void runsNoMoreChildrenAtOnceThanTheExecutorHasThreads() throws Exception {
    try (LocalBatchEngine engine = engine(2, TestJobs.all())) {
      String id = engine.submit(job(Stage.FETCH, 6, List.of(), Map.of(ScriptedJob.SLEEP_MS, "150")));
      await(engine, id);
      List<Run> runs = runs();
      int maxOverlap = 0;
      for (Run r : runs) {
        long overlapping = runs.stream().filter(o -> o.start() <= r.start() && o.end() > r.start()).count();
        maxOverlap = Math.max(maxOverlap, (int) overlapping);
      }
      assertThat(maxOverlap).isEqualTo(2);
    }
  }

  @Test
  void stageWithoutAnEntryPointFailsNamingTheStage() throws Exception {
    try (LocalBatchEngine engine = engine(2, TestJobs.without(Stage.COG))) {
      String id = engine.submit(job(Stage.COG, 2, List.of(), Map.of()));
      await(engine, id);
      JobState state = state(engine, id);
      assertThat(state.status()).isEqualTo(JobStatus.FAILED);
      assertThat(state.reason()).contains("no job entry point is registered for stage cog-convert");
    }
  }

  @Test
  void reportsPendingWhileADependencyRunsThenSucceeded() throws Exception {
    try (LocalBatchEngine engine = engine(2, TestJobs.all())) {
      Map<String, String> env = Map.of(ScriptedJob.key(ScriptedJob.SLEEP_MS, Stage.FETCH, 0), "2000");
      String fetch = engine.submit(job(Stage.FETCH, 0, List.of(), env));
      String filter = engine.submit(job(Stage.FILTER, 0, List.of(new JobDependency(fetch, DependencyType.WHOLE)), env));
      assertThat(state(engine, filter).status()).isEqualTo(JobStatus.PENDING);
      assertThat(state(engine, fetch).status()).isIn(JobStatus.RUNNABLE, JobStatus.STARTING, JobStatus.RUNNING);
      await(engine, filter);
      assertThat(engine.describe(List.of(fetch, filter))).extracting(JobState::status)
          .containsExactly(JobStatus.SUCCEEDED, JobStatus.SUCCEEDED);
    }
  }

  @Test
  void rejectsNToNBetweenArraysOfDifferentSizes() throws Exception {
    try (LocalBatchEngine engine = engine(2, TestJobs.all())) {
      String fetch = engine.submit(job(Stage.FETCH, 3, List.of(), Map.of()));
      assertThatThrownBy(
              () -> engine.submit(job(Stage.FILTER, 2, List.of(new JobDependency(fetch, DependencyType.N_TO_N)),
                  Map.of())))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("same size");
      await(engine, fetch);
    }
  }

  @Test
  void passesTheRequestEnvironmentOverTheBaseEnvironment() throws Exception {
    Path other = Files.createDirectories(records.resolve("other"));
    ExecutorService executor = Executors.newFixedThreadPool(1);
    executors.add(executor);
    Map<String, String> base = Map.of(ScriptedJob.RECORD_DIR, other.toString(), "AWS_BATCH_JOB_ATTEMPT", "7");
    try (LocalBatchEngine engine = new LocalBatchEngine(executor, TestJobs.all(), base, ChildLogs.discard())) {
      String id = engine.submit(job(Stage.FETCH, 0, List.of(), Map.of()));
      await(engine, id);
    }
    // the request's SCRIPT_RECORD_DIR wins over the base one; the engine's own attempt number wins over both
    assertThat(runs()).singleElement().extracting(Run::attempt).isEqualTo(1);
    try (Stream<Path> files = Files.list(other)) {
      assertThat(files).isEmpty();
    }
  }

  private LocalBatchEngine engine(int threads, EntryPoints entryPoints) {
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    executors.add(executor);
    return new LocalBatchEngine(executor, entryPoints, Map.of(), ChildLogs.discard());
  }

  private JobRequest job(Stage stage, int arraySize, List<JobDependency> deps, Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put(ScriptedJob.RECORD_DIR, records.toString());
    return new JobRequest("test-" + stage.jobName(), stage, arraySize, deps, all, List.of(), Map.of(), 3, 60);
  }

  private static JobState state(LocalBatchEngine engine, String id) {
    return engine.describe(List.of(id)).get(0);
  }

  private static void await(LocalBatchEngine engine, String id) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!state(engine, id).status().isDone()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("job " + id + " did not end: " + state(engine, id));
      }
      Thread.sleep(10);
    }
  }

  private List<Run> runs() throws IOException {
    List<Run> runs = new ArrayList<>();
    try (Stream<Path> files = Files.list(records)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".rec")).toList()) {
        String[] p = Files.readString(f).split(" ");
        runs.add(new Run(p[0], Integer.parseInt(p[1]), p[2], Integer.parseInt(p[3]), Long.parseLong(p[4]),
            Long.parseLong(p[5]), p[6].equals("array")));
      }
    }
    runs.sort(Comparator.comparing(Run::stage).thenComparing(Run::index).thenComparing(Run::attempt));
    return runs;
  }

  private static Run run(List<Run> runs, String stage, int index) {
    return runs.stream().filter(r -> r.stage().equals(stage) && r.index() == index).findFirst().orElseThrow();
  }
}
