package dev.scenelift.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scenelift.job.ExitCodes;
import dev.scenelift.job.JobEnv;
import dev.scenelift.scene.Stage;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The Batch side of infra/: the job definitions submit-run submits to, and what the jobs find in their container. */
class TerraformJobDefinitionsTest {
  private static final Set<String> JOBS =
      Arrays.stream(Stage.values()).map(Stage::jobName).collect(Collectors.toCollection(TreeSet::new));

  private final TerraformModule tf = TerraformModule.ofProject();

  @Test
  void jobDefinitionsAreNamedSceneliftDashJobForTheFourStages() {
    Map<String, Object> definition = tf.resource("aws_batch_job_definition", "job");

    assertThat(jobKeys(definition)).isEqualTo(JOBS);
    // hcl4j resolves var.name_prefix to its default and leaves each.key as it is
    String pattern = (String) definition.get("name");
    Set<String> names = JOBS.stream().map(job -> pattern.replace("each.key", job)).collect(Collectors.toSet());
    assertThat(names)
        .containsExactlyInAnyOrder(
            "scenelift-fetch-scene", "scenelift-cloud-filter", "scenelift-cog-convert", "scenelift-index-build");
    assertThat(definition.get("type")).isEqualTo("container");
  }

  @Test
  void everyJobDefinitionRetriesInfrastructureFailuresAndExitsOnDataErrors() {
    Map<String, Object> retry = TerraformModule.blocks(tf.resource("aws_batch_job_definition", "job").get("retry_strategy")).get(0);

    assertThat(((Number) retry.get("attempts")).intValue()).isEqualTo(3);
    List<Map<String, Object>> rules = TerraformModule.blocks(retry.get("evaluate_on_exit"));
    assertThat(rules).as("AWS Batch accepts at most 5 rules").hasSizeLessThanOrEqualTo(5);
    assertThat(rules)
        .containsExactly(
            Map.of("action", "RETRY", "on_status_reason", "Host EC2*"),
            Map.of("action", "RETRY", "on_reason", "CannotPullContainerError*"),
            Map.of("action", "EXIT", "on_exit_code", String.valueOf(ExitCodes.SCENES_FAILED)),
            Map.of("action", "EXIT", "on_exit_code", String.valueOf(ExitCodes.USAGE)));
    // as the test's Batch endpoint reads them, which is AWS Batch's reading (LoopbackBatch.decision)
    List<Map<String, String>> api = JobDefinition.of(Deployment.example(), "fetch-scene").evaluateOnExit();
    String exited = "Essential container in task exited";
    assertThat(LoopbackBatch.decision(api, ExitCodes.INFRASTRUCTURE, exited)).as("exit 3").isEqualTo("RETRY");
    assertThat(LoopbackBatch.decision(api, 137, "OutOfMemoryError: Container killed due to memory usage", exited))
        .isEqualTo("RETRY");
    assertThat(LoopbackBatch.decision(api, ExitCodes.SCENES_FAILED, exited)).as("exit 1").isEqualTo("EXIT");
    assertThat(LoopbackBatch.decision(api, ExitCodes.USAGE, exited)).as("exit 2").isEqualTo("EXIT");
    assertThat(LoopbackBatch.decision(api, ExitCodes.SCENES_FAILED, "Host EC2 (instance i-0abc) terminated."))
        .as("a lost host even when the exit code says scenes failed")
        .isEqualTo("RETRY");
  }

  @Test
  void everyJobDefinitionHasAnAttemptTimeoutFromItsJobSettings() {
    Map<String, Object> definition = tf.resource("aws_batch_job_definition", "job");
    Map<String, Object> timeout = TerraformModule.blocks(definition.get("timeout")).get(0);

    assertThat(String.valueOf(timeout.get("attempt_duration_seconds"))).isEqualTo("each.value.timeout_seconds");
    for (String job : JOBS) {
      Number seconds = (Number) jobSettings().get(job).get("timeout_seconds");
      assertThat(seconds.intValue()).as(job + " timeout").isBetween(60, 14 * 24 * 3600);
    }
  }

  @Test
  void jobEnvironmentUsesOnlyTheNamesTheJobsRead() throws IllegalAccessException {
    Set<String> known = jobEnvNames();
    Set<String> common = locals("job_environment").keySet();
    Set<String> all = new TreeSet<>(common);
    jobSettings().values().forEach(s -> all.addAll(environment(s).keySet()));

    assertThat(known).as("JobEnv read by reflection").contains("SCENELIFT_EVENTS_QUEUE", "AWS_REGION");
    assertThat(all).isSubsetOf(known);
    assertThat(common).contains(JobEnv.EVENTS_QUEUE, JobEnv.REGION, JobEnv.REQUEST_PAYER_SOURCE);
    jobSettings().forEach((job, s) -> assertThat(environment(s)).as(job).containsKey(JobEnv.WORKERS));
    assertThat(all)
        .as("per-run values are container overrides set by submit-run, not job definition defaults")
        .doesNotContain(JobEnv.RUN_ID, JobEnv.MANIFEST, JobEnv.ARRAY_INDEX, JobEnv.ATTEMPT, JobEnv.JOB_ID);
    // the container gets both maps (hcl4j cannot evaluate the for-expression that builds the list)
    assertThat(tf.text()).contains("merge(local.job_environment, each.value.environment)");
  }

  @Test
  void containersUseTheirEcrImageJobRoleResourcesAndCloudWatchLogs() {
    JsonNode container = TerraformModule.json(tf.resource("aws_batch_job_definition", "job").get("container_properties"));

    assertThat(container.path("image").asText()).startsWith("aws_ecr_repository.job.each.key.repository_url:");
    assertThat(container.path("jobRoleArn").path("name").asText()).isEqualTo("aws_iam_role.job.each.key.arn");
    assertThat(container.path("executionRoleArn").path("name").asText()).isEqualTo("aws_iam_role.ecs_execution.arn");
    assertThat(container.path("resourceRequirements").findValuesAsText("type")).containsExactly("VCPU", "MEMORY");
    assertThat(container.path("logConfiguration").path("logDriver").asText()).isEqualTo("awslogs");
    assertThat(container.path("logConfiguration").path("options").path("awslogs-group").path("name").asText())
        .isEqualTo("aws_cloudwatch_log_group.jobs.name");
    Number retention = (Number) tf.resource("aws_cloudwatch_log_group", "jobs").get("retention_in_days");
    assertThat(retention.intValue()).isPositive();
  }

  @Test
  void jobSizesAreValidFargateCombinations() {
    jobSettings()
        .forEach(
            (job, s) -> {
              int vcpu = ((Number) s.get("vcpu")).intValue();
              int memory = ((Number) s.get("memory")).intValue();
              // Fargate: 1 vCPU 2-8 GiB, 2 vCPU 4-16 GiB, 4 vCPU 8-30 GiB, in 1 GiB steps
              assertThat(vcpu).as(job).isIn(1, 2, 4);
              assertThat(memory % 1024).as(job).isZero();
              assertThat(memory).as(job).isBetween(2048 * vcpu, Math.min(8192 * vcpu, 30720));
            });
  }

  @Test
  void computeRunsOnSpotPriceCapacityOptimizedOrFargate() {
    Map<String, Object> spot = tf.resource("aws_batch_compute_environment", "spot");
    Map<String, Object> spotResources = TerraformModule.blocks(spot.get("compute_resources")).get(0);
    Map<String, Object> fargate = tf.resource("aws_batch_compute_environment", "fargate");
    Map<String, Object> fargateResources = TerraformModule.blocks(fargate.get("compute_resources")).get(0);

    assertThat(spot.get("type")).isEqualTo("MANAGED");
    assertThat(spotResources.get("type")).isEqualTo("SPOT");
    assertThat(spotResources.get("allocation_strategy")).isEqualTo("SPOT_PRICE_CAPACITY_OPTIMIZED");
    assertThat(((Number) spotResources.get("min_vcpus")).intValue()).as("scales to zero").isZero();
    assertThat(fargateResources.get("type")).isIn("FARGATE", "FARGATE_SPOT");
    // exactly one of them exists: the default is Spot
    assertThat(((Number) spot.get("count")).intValue() + ((Number) fargate.get("count")).intValue()).isEqualTo(1);
    Map<String, Object> queue = tf.resource("aws_batch_job_queue", "main");
    assertThat(queue.get("state")).isEqualTo("ENABLED");
    assertThat(queue.get("name")).isEqualTo("scenelift");
  }

  @Test
  void everyJobHasAnEcrRepositoryWithALifecyclePolicy() {
    Map<String, Object> repository = tf.resource("aws_ecr_repository", "job");
    assertThat(jobKeys(repository)).isEqualTo(JOBS);
    assertThat(repository.get("name")).isEqualTo("scenelift-each.key");

    JsonNode policy = TerraformModule.json(tf.resource("aws_ecr_lifecycle_policy", "all").get("policy"));
    assertThat(policy.path("rules").findValuesAsText("type")).containsOnly("expire").isNotEmpty();
    assertThat(policy.path("rules").findValuesAsText("tagStatus")).contains("untagged", "any");
    assertThat(tf.text()).contains("for_each = merge(aws_ecr_repository.job, { base = aws_ecr_repository.base })");
  }

  private Set<String> jobKeys(Map<String, Object> resource) {
    @SuppressWarnings("unchecked")
    Map<String, Object> forEach = (Map<String, Object>) resource.get("for_each");
    assertThat(forEach).as("for_each = var.jobs (its default)").isNotNull();
    return new TreeSet<>(forEach.keySet());
  }

  @SuppressWarnings("unchecked")
  private Map<String, Map<String, Object>> jobSettings() {
    return (Map<String, Map<String, Object>>) tf.variableDefault("jobs");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> environment(Map<String, Object> settings) {
    return (Map<String, Object>) settings.get("environment");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> locals(String name) {
    return (Map<String, Object>) tf.locals().get(name);
  }

  /** The values of JobEnv's public String constants. */
  static Set<String> jobEnvNames() throws IllegalAccessException {
    Set<String> names = new TreeSet<>();
    for (Field f : JobEnv.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        names.add((String) f.get(null));
      }
    }
    return names;
  }
}
