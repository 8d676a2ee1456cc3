package dev.scenelift.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scenelift.scene.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The outputs are the contract `submit-run --config` reads from `terraform output -json`; README.md lists them. */
class TerraformOutputsTest {
  static final List<String> CONTRACT =
      List.of(
          "region",
          "job_queue",
          "job_definitions",
          "raw_bucket",
          "opt_bucket",
          "cog_bucket",
          "runs_bucket",
          "layout",
          "events_queue_url",
          "ecr_repositories");

  private final TerraformModule tf = TerraformModule.ofProject();

  @Test
  void outputsIncludeEveryNameSubmitRunReads() {
    assertThat(tf.outputs().keySet()).containsAll(CONTRACT);
  }

  @Test
  void everyOutputAndVariableIsDescribed() {
    tf.outputs().forEach((name, o) -> assertThat((String) o.get("description")).as(name).isNotBlank());
    tf.variables()
        .forEach(
            (name, v) -> {
              assertThat((String) v.get("description")).as(name).isNotBlank();
              assertThat(v).as(name + " has a default").containsKey("default");
            });
  }

  @Test
  void outputsHaveTheShapesSubmitRunExpects() {
    Map<String, Map<String, Object>> outputs = tf.outputs();
    assertThat(String.valueOf(outputs.get("region").get("value"))).isEqualTo("us-west-2");
    assertThat(String.valueOf(outputs.get("job_queue").get("value"))).isEqualTo("aws_batch_job_queue.main.name");
    assertThat(String.valueOf(outputs.get("events_queue_url").get("value"))).isEqualTo("aws_sqs_queue.events.url");
    // maps keyed by job name (hcl4j leaves for-expressions unevaluated: read the source)
    assertThat(tf.text())
        .contains(
            "{ for job, definition in aws_batch_job_definition.job : job => { name = definition.name, arn = definition.arn } }")
        .contains("{ for job, repository in aws_ecr_repository.job : job => repository.repository_url }");
  }

  @Test
  void exampleOutputJsonHasExactlyTheModulesOutputs() throws IOException {
    JsonNode example = new ObjectMapper().readTree(tf.dir().resolve("outputs.example.json").toFile());

    Set<String> names = new TreeSet<>();
    example.fieldNames().forEachRemaining(names::add);
    assertThat(names).isEqualTo(new TreeSet<>(tf.outputs().keySet()));
    example.forEach(o -> assertThat(o.has("value") && o.has("type") && o.has("sensitive")).isTrue());
    JsonNode definitions = example.path("job_definitions").path("value");
    for (Stage stage : Stage.values()) {
      assertThat(definitions.path(stage.jobName()).path("name").asText()).isEqualTo("scenelift-" + stage.jobName());
      assertThat(definitions.path(stage.jobName()).path("arn").asText()).startsWith("arn:aws:batch:");
      assertThat(example.path("ecr_repositories").path("value").path(stage.jobName()).asText())
          .endsWith("/scenelift-" + stage.jobName());
    }
  }

  @Test
  void readmeDocumentsTheContract() throws IOException {
    String readme = Files.readString(tf.dir().resolve("README.md"));
    for (String name : CONTRACT) {
      assertThat(readme).as("README names output " + name).contains("`" + name + "`");
    }
    assertThat(readme).contains("terraform init", "terraform plan", "terraform apply", "jib:build");
  }
}
