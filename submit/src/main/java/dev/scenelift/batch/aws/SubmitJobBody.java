package dev.scenelift.batch.aws;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.scenelift.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.batch.model.ArrayProperties;
import software.amazon.awssdk.services.batch.model.ContainerOverrides;
import software.amazon.awssdk.services.batch.model.EvaluateOnExit;
import software.amazon.awssdk.services.batch.model.JobDependency;
import software.amazon.awssdk.services.batch.model.JobTimeout;
import software.amazon.awssdk.services.batch.model.KeyValuePair;
import software.amazon.awssdk.services.batch.model.RetryStrategy;
import software.amazon.awssdk.services.batch.model.SubmitJobRequest;

/**
 * One SubmitJob request, shaped exactly as the JSON body the Batch API receives ({@code POST /v1/submitjob}): what the
 * dry run prints and what {@link #toSdk()} hands to the SDK. Absent and empty fields are left out, as the SDK does.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SubmitJobBody(
    String jobName,
    String jobQueue,
    String jobDefinition,
    Size arrayProperties,
    List<Dependency> dependsOn,
    Overrides containerOverrides,
    Retry retryStrategy,
    Timeout timeout,
    Map<String, String> tags,
    Boolean propagateTags) {

  /** The Batch API's limit on a SubmitJob payload. */
  public static final int MAX_PAYLOAD_BYTES = 30 * 1024;

  public SubmitJobBody {
    Objects.requireNonNull(jobName, "jobName");
    Objects.requireNonNull(jobQueue, "jobQueue");
    Objects.requireNonNull(jobDefinition, "jobDefinition");
    dependsOn = List.copyOf(dependsOn);
    tags = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tags));
  }

  /** {@code arrayProperties}. */
  public record Size(int size) {}

  /** One {@code dependsOn} entry; {@code type} is {@code N_TO_N} or absent (the whole job). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Dependency(String jobId, String type) {}

  /** {@code containerOverrides}. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Overrides(List<String> command, List<NameValue> environment) {}

  /** An environment entry. */
  public record NameValue(String name, String value) {}

  /** {@code retryStrategy}. */
  public record Retry(int attempts, List<OnExit> evaluateOnExit) {}

  /** One {@code evaluateOnExit} rule: the first rule that matches decides. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record OnExit(String action, String onStatusReason, String onReason, String onExitCode) {}

  /** {@code timeout}. */
  public record Timeout(int attemptDurationSeconds) {}

  @com.fasterxml.jackson.annotation.JsonIgnore
  public boolean isArray() {
    return arrayProperties != null;
  }

  /** The body as compact JSON, as sent. */
  public String json() {
    try {
      return Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @com.fasterxml.jackson.annotation.JsonIgnore
  public int payloadBytes() {
    return json().getBytes(StandardCharsets.UTF_8).length;
  }

  public SubmitJobRequest toSdk() {
    SubmitJobRequest.Builder b =
        SubmitJobRequest.builder().jobName(jobName).jobQueue(jobQueue).jobDefinition(jobDefinition);
    if (arrayProperties != null) {
      b.arrayProperties(ArrayProperties.builder().size(arrayProperties.size()).build());
    }
    if (!dependsOn.isEmpty()) {
      b.dependsOn(
          dependsOn.stream()
              .map(d -> JobDependency.builder().jobId(d.jobId()).type(d.type()).build())
              .toList());
    }
    if (containerOverrides != null) {
      ContainerOverrides.Builder o = ContainerOverrides.builder();
      if (!containerOverrides.command().isEmpty()) {
        o.command(containerOverrides.command());
      }
      o.environment(
          containerOverrides.environment().stream()
              .map(e -> KeyValuePair.builder().name(e.name()).value(e.value()).build())
              .toList());
      b.containerOverrides(o.build());
    }
    if (retryStrategy != null) {
      b.retryStrategy(
          RetryStrategy.builder()
              .attempts(retryStrategy.attempts())
              .evaluateOnExit(
                  retryStrategy.evaluateOnExit().stream()
                      .map(
                          r ->
                              EvaluateOnExit.builder()
                                  .action(r.action())
                                  .onStatusReason(r.onStatusReason())
                                  .onReason(r.onReason())
                                  .onExitCode(r.onExitCode())
                                  .build())
                      .toList())
              .build());
    }
    if (timeout != null) {
      b.timeout(JobTimeout.builder().attemptDurationSeconds(timeout.attemptDurationSeconds()).build());
    }
    if (!tags.isEmpty()) {
      b.tags(tags);
    }
    if (propagateTags != null) {
      b.propagateTags(propagateTags);
    }
    return b.build();
  }
}
