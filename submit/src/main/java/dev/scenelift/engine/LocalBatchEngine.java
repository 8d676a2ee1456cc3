package dev.scenelift.engine;

import dev.scenelift.batch.BatchEngine;
import dev.scenelift.batch.JobDependency;
import dev.scenelift.batch.JobRequest;
import dev.scenelift.batch.JobState;
import dev.scenelift.batch.JobStatus;
import dev.scenelift.job.ExitCodes;
import dev.scenelift.job.JobEntryPoint;
import dev.scenelift.job.JobEnv;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The embedded engine: AWS Batch's semantics on this machine, running the registered {@link JobEntryPoint}s
 * in-process.
 *
 * <ul>
 *   <li>each array child sees {@code AWS_BATCH_JOB_ARRAY_INDEX} (from 0), every child {@code AWS_BATCH_JOB_ID}
 *       ({@code <job-id>:<index>} for array children) and {@code AWS_BATCH_JOB_ATTEMPT} (from 1), on top of the base
 *       environment and the request's overrides;
 *   <li>{@code N_TO_N}: child i waits for child i of the dependency; {@code WHOLE}: every child waits for all of it;
 *   <li>a failed dependency fails its dependents without running them;
 *   <li>up to {@link JobRequest#attempts()} attempts, retried unless the exit code is {@link ExitCodes#SCENES_FAILED} or
 *       {@link ExitCodes#USAGE} (the job definitions' retry strategy on AWS does the same); a thrown exception counts as
 *       a crash and is retried. The jobs themselves exit 0 when a scene failed with its failure record ({@link
 *       ExitCodes}), so a bad scene never stops its dependents;
 *   <li>children run on the caller's executor, so its size bounds the parallelism.
 * </ul>
 *
 * <p>The caller owns the executor. {@link #close()} fails the children that have not started; running ones finish.
 * Child ids {@code <job-id>:<index>} may be passed to {@link #describe(List)}, as with AWS Batch.
 */
public final class LocalBatchEngine implements BatchEngine {
  private final Executor executor;
  private final EntryPoints entryPoints;
  private final Map<String, String> baseEnvironment;
  private final ChildLogs logs;
  private final Map<String, LocalJob> jobs = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * @param executor runs the children; its thread count is the parallelism bound
   * @param entryPoints the job entry points by stage
   * @param baseEnvironment what every child's environment starts from (a container's own environment)
   * @param logs where each attempt's output goes
   */
  public LocalBatchEngine(
      Executor executor, EntryPoints entryPoints, Map<String, String> baseEnvironment, ChildLogs logs) {
    this.executor = Objects.requireNonNull(executor, "executor");
    this.entryPoints = Objects.requireNonNull(entryPoints, "entryPoints");
    this.baseEnvironment = Map.copyOf(baseEnvironment);
    this.logs = Objects.requireNonNull(logs, "logs");
  }

  @Override
  public String submit(JobRequest request) {
    if (closed) {
      throw new IllegalStateException("the engine is closed; cannot submit " + request.name());
    }
    List<Gate> gates = new ArrayList<>();
    for (JobDependency dependency : request.dependsOn()) {
      gates.add(gate(request, dependency));
    }
    LocalJob job = new LocalJob(UUID.randomUUID().toString(), request);
    jobs.put(job.id(), job);
    for (LocalJob.Child child : job.children()) {
      schedule(job, child, gates);
    }
    return job.id();
  }

  private Gate gate(JobRequest request, JobDependency dependency) {
    LocalJob upstream = jobs.get(dependency.jobId());
    if (upstream == null) {
      throw new IllegalArgumentException(
          request.name() + " depends on " + dependency.jobId() + ", which was not submitted to this engine");
    }
    if (dependency.type() == JobDependency.DependencyType.N_TO_N) {
      if (!request.isArray() || upstream.request().arraySize() != request.arraySize()) {
        throw new IllegalArgumentException(
            request.name()
                + ": an N_TO_N dependency needs two array jobs of the same size, got "
                + request.arraySize()
                + " and "
                + upstream.request().arraySize()
                + " ("
                + upstream.request().name()
                + ")");
      }
      return new Gate(upstream, true);
    }
    return new Gate(upstream, false);
  }

  /** What one child waits for on one dependency. */
  private record Gate(LocalJob upstream, boolean perChild) {
    CompletableFuture<Boolean> passed(int index) {
      return perChild
          ? upstream.child(index).finished.thenApply(s -> s == JobStatus.SUCCEEDED)
          : upstream.whole();
    }

    String describe(int index) {
      return upstream.request().name() + (perChild ? "[" + index + "]" : "");
    }
  }

  private void schedule(LocalJob job, LocalJob.Child child, List<Gate> gates) {
    if (!gates.isEmpty()) {
      child.moveTo(JobStatus.PENDING);
    }
    List<CompletableFuture<Boolean>> waits = gates.stream().map(g -> g.passed(child.index)).toList();
    CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new))
        .whenComplete(
            (v, t) -> {
              for (int i = 0; i < gates.size(); i++) {
                if (!waits.get(i).join()) {
                  child.fail("dependency " + gates.get(i).describe(child.index) + " failed");
                  return;
                }
              }
              child.moveTo(JobStatus.RUNNABLE);
              try {
                executor.execute(() -> run(job, child));
              } catch (RejectedExecutionException e) {
                child.fail("the engine's executor refused the child: " + e.getMessage());
              }
            });
  }

  private void run(LocalJob job, LocalJob.Child child) {
    JobRequest request = job.request();
    if (closed) {
      child.fail("the engine was closed before the child started");
      return;
    }
    JobEntryPoint entryPoint;
    try {
      entryPoint = entryPoints.forStage(request.stage());
    } catch (EntryPoints.MissingEntryPointException e) {
      child.fail(e.getMessage());
      return;
    }
    String lastFailure = "";
    for (int attempt = 1; attempt <= request.attempts(); attempt++) {
      child.moveTo(JobStatus.STARTING);
      child.attempt(attempt);
      int code;
      try (PrintStream log = logs.open(request.name(), child.index, attempt)) {
        code = runOnce(entryPoint, job, child, attempt, log);
      } catch (RuntimeException e) { // the log could not be opened: nothing ran, and a retry would not help
        child.fail("cannot start attempt " + attempt + ": " + e.getMessage());
        return;
      }
      if (code == ExitCodes.OK) {
        child.succeed();
        return;
      }
      lastFailure = "exit code " + code + " on attempt " + attempt + " of " + request.attempts();
      if (code == ExitCodes.SCENES_FAILED || code == ExitCodes.USAGE) {
        break;
      }
    }
    child.fail(lastFailure + " (logs: " + logs.describe() + ")");
  }

  private int runOnce(JobEntryPoint entryPoint, LocalJob job, LocalJob.Child child, int attempt, PrintStream log) {
    Map<String, String> env = new HashMap<>(baseEnvironment);
    env.putAll(job.request().environment());
    if (job.request().isArray()) {
      env.put(JobEnv.ARRAY_INDEX, Integer.toString(child.index));
      env.put(JobEnv.JOB_ID, job.id() + ":" + child.index);
    } else {
      env.remove(JobEnv.ARRAY_INDEX);
      env.put(JobEnv.JOB_ID, job.id());
    }
    env.put(JobEnv.ATTEMPT, Integer.toString(attempt));
    try {
      return entryPoint.run(job.request().command(), Map.copyOf(env), log, log);
    } catch (Throwable t) { // a crash of the "container": logged, retried like any other non-data failure
      log.println(job.request().name() + " crashed on attempt " + attempt + ": " + t);
      t.printStackTrace(log);
      if (t instanceof VirtualMachineError e && !(t instanceof OutOfMemoryError)) {
        throw e;
      }
      return ExitCodes.INFRASTRUCTURE;
    }
  }

  @Override
  public List<JobState> describe(List<String> jobIds) {
    List<JobState> states = new ArrayList<>();
    for (String id : jobIds) {
      int colon = id.lastIndexOf(':');
      if (colon < 0) {
        LocalJob job = jobs.get(id);
        if (job != null) {
          states.add(job.state());
        }
        continue;
      }
      LocalJob parent = jobs.get(id.substring(0, colon));
      int index = parseIndex(id.substring(colon + 1));
      if (parent != null && parent.request().isArray() && index >= 0 && index < parent.children().size()) {
        LocalJob.Child c = parent.child(index);
        String reason = c.status() == JobStatus.FAILED ? c.reason() : null;
        states.add(new JobState(id, parent.request().name() + "[" + index + "]", c.status(), Map.of(), reason));
      }
    }
    return List.copyOf(states);
  }

  private static int parseIndex(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Children not yet started fail; running children finish. Safe to call twice. */
  @Override
  public void close() {
    closed = true;
  }
}
