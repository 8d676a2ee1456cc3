package dev.scenelift.engine;

import dev.scenelift.batch.JobRequest;
import dev.scenelift.batch.JobState;
import dev.scenelift.batch.JobStatus;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/** One submitted job of the embedded engine: its request and its children (one for a plain job). */
final class LocalJob {
  private final String id;
  private final JobRequest request;
  private final List<Child> children;

  LocalJob(String id, JobRequest request) {
    this.id = id;
    this.request = request;
    this.children = IntStream.range(0, request.children()).mapToObj(Child::new).toList();
  }

  String id() {
    return id;
  }

  JobRequest request() {
    return request;
  }

  Child child(int index) {
    return children.get(index);
  }

  List<Child> children() {
    return children;
  }

  /** Completes when every child has finished, with whether all of them succeeded. */
  CompletableFuture<Boolean> whole() {
    CompletableFuture<?>[] all = children.stream().map(c -> c.finished).toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(all)
        .thenApply(v -> children.stream().allMatch(c -> c.finished.join() == JobStatus.SUCCEEDED));
  }

  /** AWS Batch's view: an array parent is SUCCEEDED when all children are, FAILED when all ended and one failed. */
  JobState state() {
    Map<JobStatus, Integer> counts = new EnumMap<>(JobStatus.class);
    String reason = null;
    for (Child c : children) {
      counts.merge(c.status, 1, Integer::sum);
      if (c.status == JobStatus.FAILED && reason == null) {
        reason = (request.isArray() ? "child " + c.index + ": " : "") + c.reason;
      }
    }
    JobStatus status = aggregate(counts);
    if (status != JobStatus.FAILED) {
      reason = null;
    }
    return new JobState(id, request.name(), status, request.isArray() ? counts : Map.of(), reason);
  }

  private JobStatus aggregate(Map<JobStatus, Integer> counts) {
    int done = counts.getOrDefault(JobStatus.SUCCEEDED, 0) + counts.getOrDefault(JobStatus.FAILED, 0);
    if (done == children.size()) {
      return counts.getOrDefault(JobStatus.FAILED, 0) > 0 ? JobStatus.FAILED : JobStatus.SUCCEEDED;
    }
    for (JobStatus s : List.of(JobStatus.RUNNING, JobStatus.STARTING, JobStatus.RUNNABLE, JobStatus.PENDING)) {
      if (counts.getOrDefault(s, 0) > 0) {
        return s;
      }
    }
    // Some children ended, the rest are only submitted: the job as a whole is under way.
    return done > 0 ? JobStatus.RUNNING : JobStatus.SUBMITTED;
  }

  /** One array child; its status moves forward only, and {@link #finished} completes exactly once. */
  static final class Child {
    final int index;
    final CompletableFuture<JobStatus> finished = new CompletableFuture<>();
    private volatile JobStatus status = JobStatus.SUBMITTED;
    private volatile String reason = "";
    private volatile int attempts;

    Child(int index) {
      this.index = index;
    }

    void moveTo(JobStatus next) {
      status = next;
    }

    void attempt(int number) {
      attempts = number;
      status = JobStatus.RUNNING;
    }

    int attempts() {
      return attempts;
    }

    JobStatus status() {
      return status;
    }

    String reason() {
      return reason;
    }

    void succeed() {
      status = JobStatus.SUCCEEDED;
      finished.complete(JobStatus.SUCCEEDED);
    }

    void fail(String why) {
      reason = why;
      status = JobStatus.FAILED;
      finished.complete(JobStatus.FAILED);
    }
  }
}
