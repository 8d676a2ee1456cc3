package dev.scenelift.infra;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One job definition of batch.tf as the deployment registers it: what every container of the job gets before the
 * SubmitJob request's overrides.
 *
 * @param job the job, e.g. {@code fetch-scene}
 * @param name the definition's name, {@code <prefix>-<job>}
 * @param environment {@code containerProperties.environment}
 * @param command {@code containerProperties.command} (empty: the image's)
 * @param jobRole the role the containers' credentials belong to
 * @param attempts the retry strategy's attempts
 * @param evaluateOnExit its rules, in order, as the API spells them ({@code action}, {@code onExitCode}, ...)
 * @param timeoutSeconds {@code timeout.attemptDurationSeconds}
 */
record JobDefinition(
    String job,
    String name,
    Map<String, String> environment,
    List<String> command,
    String jobRole,
    int attempts,
    List<Map<String, String>> evaluateOnExit,
    int timeoutSeconds) {

  /** The definition of {@code job}, read from batch.tf and evaluated in the deployment. */
  @SuppressWarnings("unchecked")
  static JobDefinition of(Deployment deployment, String job) {
    TerraformModule tf = deployment.module();
    Map<String, Object> resource = tf.resource("aws_batch_job_definition", "job");
    JsonNode container = TerraformModule.json(resource.get("container_properties"));
    // hcl4j cannot run the for-expression that builds the environment list; batch.tf merges these two maps into it
    String merge = "merge(local.job_environment, each.value.environment)";
    if (!tf.text().contains("environment = [for name, value in " + merge + " : { name = name, value = value }]")) {
      throw new IllegalStateException("batch.tf no longer builds the container environment from " + merge);
    }
    Map<String, Object> settings =
        ((Map<String, Map<String, Object>>) tf.variableDefault("jobs")).get(job);
    if (settings == null) {
      throw new IllegalArgumentException("var.jobs has no job " + job);
    }
    Map<String, String> environment = new LinkedHashMap<>(deployment.localMap("job_environment"));
    ((Map<String, Object>) settings.get("environment")).forEach((k, v) -> environment.put(k, String.valueOf(v)));
    List<String> command = new java.util.ArrayList<>();
    container.path("command").forEach(c -> command.add(c.asText()));
    if (!container.path("jobRoleArn").path("name").asText().equals("aws_iam_role.job.each.key.arn")) {
      throw new IllegalStateException("batch.tf's containers no longer run as their job's role");
    }
    Map<String, Object> retry = TerraformModule.blocks(resource.get("retry_strategy")).get(0);
    List<Map<String, String>> rules =
        TerraformModule.blocks(retry.get("evaluate_on_exit")).stream()
            .map(JobDefinition::apiRule)
            .toList();
    return new JobDefinition(
        job,
        deployment.namePrefix() + "-" + job,
        Map.copyOf(environment),
        List.copyOf(command),
        deployment.jobRole(job),
        ((Number) retry.get("attempts")).intValue(),
        rules,
        ((Number) settings.get("timeout_seconds")).intValue());
  }

  /** An {@code evaluate_on_exit} block with the API's member names ({@code on_exit_code} is {@code onExitCode}). */
  private static Map<String, String> apiRule(Map<String, Object> block) {
    Map<String, String> rule = new LinkedHashMap<>();
    block.forEach(
        (k, v) -> {
          String[] parts = k.split("_");
          StringBuilder name = new StringBuilder(parts[0]);
          for (int i = 1; i < parts.length; i++) {
            name.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
          }
          rule.put(name.toString(), String.valueOf(v));
        });
    return Map.copyOf(rule);
  }
}
