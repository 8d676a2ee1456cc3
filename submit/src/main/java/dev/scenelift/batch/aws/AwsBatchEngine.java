package dev.scenelift.batch.aws;

import dev.failsafe.FailsafeExecutor;
import dev.scenelift.batch.BatchEngine;
import dev.scenelift.batch.JobRequest;
import dev.scenelift.batch.JobState;
import dev.scenelift.batch.JobStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.batch.BatchClient;
import software.amazon.awssdk.services.batch.model.BatchException;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.batch.model.JobSummary;
import software.amazon.awssdk.services.batch.model.KeyValuesPair;

/**
 * {@link BatchEngine} on AWS Batch. A request becomes one SubmitJob ({@link SubmitJobBodies}); calls go through
 * {@link BatchCallPolicy} (rate limit, back-off on throttling).
 *
 * <p>Idempotent per job name (and so per run and stage, the name being {@code scenelift-<run-id>-<stage>}): before
 * submitting, a ListJobs filtered on the job name looks for a job the queue already accepted, in any state, and its id
 * is returned instead. A crashed or retried {@code submit-run} therefore never submits a stage twice, even when its
 * local record ({@code runs/<run-id>/jobs.json}) was not written.
 */
public final class AwsBatchEngine implements BatchEngine {
  private static final int DESCRIBE_MAX = 100;

  private final BatchClient batch;
  private final boolean ownsClient;
  private final String jobQueue;
  private final SubmitJobBodies bodies;
  private final FailsafeExecutor<Object> calls;

  /**
   * @param batch the client; closed by {@link #close()} only when {@code ownsClient}
   */
  public AwsBatchEngine(BatchClient batch, boolean ownsClient, AwsRunConfig config, BatchCallPolicy policy) {
    this.batch = batch;
    this.ownsClient = ownsClient;
    this.jobQueue = config.requireJobQueue();
    this.bodies = new SubmitJobBodies(config);
    this.calls = policy.executor();
  }

  @Override
  public String submit(JobRequest request) {
    SubmitJobBody body = bodies.of(request);
    Optional<String> accepted = acceptedJob(body.jobName());
    if (accepted.isPresent()) {
      return accepted.get();
    }
    return call("SubmitJob", body.jobName(), () -> batch.submitJob(body.toSdk()).jobId());
  }

  /** The newest job of this exact name the queue knows, in any state. */
  Optional<String> acceptedJob(String jobName) {
    List<JobSummary> found =
        call(
            "ListJobs",
            jobName,
            () ->
                batch
                    .listJobs(
                        b ->
                            b.jobQueue(jobQueue)
                                .filters(KeyValuesPair.builder().name("JOB_NAME").values(jobName).build()))
                    .jobSummaryList());
    return found.stream()
        .filter(j -> jobName.equals(j.jobName()))
        .max(Comparator.comparing(j -> j.createdAt() == null ? 0L : j.createdAt()))
        .map(JobSummary::jobId);
  }

  @Override
  public List<JobState> describe(List<String> jobIds) {
    List<JobState> out = new ArrayList<>();
    for (int i = 0; i < jobIds.size(); i += DESCRIBE_MAX) {
      List<String> chunk = jobIds.subList(i, Math.min(i + DESCRIBE_MAX, jobIds.size()));
      List<JobDetail> details =
          call("DescribeJobs", String.join(",", chunk), () -> batch.describeJobs(b -> b.jobs(chunk)).jobs());
      for (String id : chunk) {
        details.stream().filter(d -> id.equals(d.jobId())).findFirst().map(AwsBatchEngine::state).ifPresent(out::add);
      }
    }
    return out;
  }

  private static JobState state(JobDetail d) {
    Map<JobStatus, Integer> children = new EnumMap<>(JobStatus.class);
    if (d.arrayProperties() != null && d.arrayProperties().statusSummary() != null) {
      d.arrayProperties()
          .statusSummary()
          .forEach(
              (status, count) -> {
                if (count != null && count > 0) {
                  children.put(JobStatus.valueOf(status), count);
                }
              });
    }
    return new JobState(
        d.jobId(), d.jobName(), JobStatus.valueOf(d.statusAsString()), children, d.statusReason());
  }

  @SuppressWarnings("unchecked")
  private <T> T call(String operation, String subject, Supplier<T> action) {
    try {
      return (T) calls.get(action::get);
    } catch (BatchException e) {
      String message =
          e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
              ? e.awsErrorDetails().errorMessage()
              : e.getMessage();
      String code = e.awsErrorDetails() != null ? e.awsErrorDetails().errorCode() : "HTTP " + e.statusCode();
      throw new BatchSubmitException(
          "AWS Batch " + operation + " for " + subject + " failed (" + code + "): " + oneLine(message), e);
    } catch (dev.failsafe.RateLimitExceededException e) {
      throw new BatchSubmitException("AWS Batch " + operation + " for " + subject + ": rate limit wait too long", e);
    } catch (software.amazon.awssdk.core.exception.SdkException e) {
      throw new BatchSubmitException(
          "AWS Batch " + operation + " for " + subject + " failed: " + oneLine(e.getMessage()), e);
    }
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  @Override
  public void close() {
    if (ownsClient) {
      batch.close();
    }
  }
}
