package dev.scenelift.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenelift.scene.Stage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The IAM of infra/: one least-privilege role per job. Bucket ARNs are built from the bucket names
 * ({@code <prefix>-raw-<suffix>} ...), so each resource names the tree it grants.
 */
class TerraformIamTest {
  /** A tree's bucket of its own ({@code layout = buckets}), or its prefix of the data bucket ({@code prefixes}). */
  private static final Pattern TREE = Pattern.compile(":s3:::(?:.*-(raw|opt|cog|runs)-|[^/]*-data-[^/]*/(raw|opt|cog)/)");
  private static final Set<String> WRITES =
      Set.of("s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload");
  private static final Map<String, String> DOCUMENT_OF_JOB =
      Map.of(
          "fetch-scene", "fetch_scene",
          "cloud-filter", "cloud_filter",
          "cog-convert", "cog_convert",
          "index-build", "index_build");

  private TerraformModule tf = TerraformModule.ofProject();

  @Test
  void noStatementGrantsEveryActionOrEveryActionOfAService() {
    for (Statement s : allStatements()) {
      assertThat(s.actions()).as(s.where()).isNotEmpty().doesNotContain("*");
      if (!"Deny".equals(s.effect())) {
        assertThat(s.actions()).as(s.where()).noneMatch(a -> a.endsWith(":*"));
      }
    }
  }

  @Test
  void noS3StatementGrantsEveryResource() {
    for (Statement s : allStatements()) {
      if (s.actions().stream().noneMatch(a -> a.startsWith("s3:"))) {
        continue;
      }
      for (String resource : s.resources()) {
        assertThat(resource)
            .as(s.where())
            .isNotIn("*", "arn:aws:s3:::*", "arn:*:s3:::*")
            .doesNotEndWith(":s3:::*");
        if (resource.startsWith("local.")) {
          assertThat(localDefinition(resource.substring("local.".length())))
              .as(s.where() + " " + resource)
              .doesNotContain("\"*\"")
              .contains("${");
        }
      }
    }
  }

  @Test
  void everyJobHasItsOwnRoleAndPolicy() {
    Set<String> jobs = Arrays.stream(Stage.values()).map(Stage::jobName).collect(Collectors.toSet());
    @SuppressWarnings("unchecked")
    Map<String, Object> roles = (Map<String, Object>) tf.resource("aws_iam_role", "job").get("for_each");
    assertThat(roles.keySet()).isEqualTo(jobs);
    assertThat(tf.resource("aws_iam_role", "job").get("name")).isEqualTo("scenelift-each.key-job");
    assertThat(String.valueOf(tf.resource("aws_iam_role", "job").get("assume_role_policy")))
        .isEqualTo("data.aws_iam_policy_document.assume_ecs_tasks.json");
    @SuppressWarnings("unchecked")
    Map<String, Object> policies = (Map<String, Object>) tf.locals().get("job_policies");
    assertThat(policies).containsOnlyKeys(jobs);
    DOCUMENT_OF_JOB.forEach(
        (job, doc) -> assertThat(String.valueOf(policies.get(job))).isEqualTo("data.aws_iam_policy_document." + doc + ".json"));
  }

  @Test
  void everyJobReadsItsManifestAndSendsSceneEvents() {
    List<Statement> common = statements("job_common");
    assertThat(common)
        .anySatisfy(
            s -> {
              assertThat(s.actions()).containsExactly("sqs:SendMessage");
              assertThat(s.resources()).containsExactly("aws_sqs_queue.events.arn");
            });
    assertThat(common)
        .anySatisfy(
            s -> {
              assertThat(s.actions()).containsExactly("s3:GetObject");
              assertThat(s.resources()).singleElement().satisfies(r -> assertThat(tree(r)).hasValue("runs"));
            });
    for (String doc : DOCUMENT_OF_JOB.values()) {
      assertThat(TerraformModule.strings(tf.data("aws_iam_policy_document", doc).get("source_policy_documents")))
          .as(doc)
          .containsExactly("data.aws_iam_policy_document.job_common.json");
    }
  }

  @Test
  void onlyFetchSceneReadsTheSource() {
    for (String doc : DOCUMENT_OF_JOB.values()) {
      boolean readsSource =
          statements(doc).stream().anyMatch(s -> s.resources().contains("local.source_object_arns"));
      assertThat(readsSource).as(doc).isEqualTo(doc.equals("fetch_scene"));
    }
    assertThat(localDefinition("source_object_arns")).contains("var.source_buckets");
  }

  @Test
  void eachJobWritesOnlyItsOwnOutputsInThePrefixesLayoutToo() {
    tf = TerraformModule.ofProject("prefixes");
    eachJobWritesOnlyItsOwnOutputs();
    assertThat(statements("cloud_filter"))
        .flatExtracting(Statement::resources)
        .anyMatch(r -> r.contains("-data-") && r.endsWith("/opt/*"))
        .anyMatch(r -> r.contains("-data-") && r.endsWith("/raw/*/cloud.json"));
  }

  @Test
  void eachJobWritesOnlyItsOwnOutputs() {
    assertThat(writtenTrees("fetch_scene")).containsOnly("raw");
    assertThat(writtenTrees("cloud_filter")).containsOnly("raw", "opt", "runs");
    assertThat(writtenResourcesIn("cloud_filter", "runs")).allMatch(r -> r.endsWith("/runs/*/cloud-free*"));
    assertThat(writtenResourcesIn("cloud_filter", "raw"))
        .allMatch(r -> r.endsWith("/*/cloud.json") || r.endsWith("/*/_scenelift/cloud-filter.*"));
    assertThat(writtenTrees("cog_convert")).containsOnly("cog");
    assertThat(writtenTrees("index_build")).containsOnly("raw", "cog", "index documents");
    assertThat(writtenResourcesIn("index_build", "cog")).allMatch(r -> r.endsWith("/*_map-preview.tif"));
    assertThat(writtenResourcesIn("index_build", "raw")).allMatch(r -> r.endsWith("/*/_scenelift/index-build.*"));
    assertThat(TerraformModule.strings(tf.variableDefault("index_object_suffixes")))
        .as("index-build never overwrites rasters")
        .doesNotContain("tif", "TIF", "tar", "gz");
    for (String doc : DOCUMENT_OF_JOB.values()) {
      if (!doc.equals("cloud_filter")) { // its run's cloud-free list, above
        assertThat(writtenTrees(doc)).as(doc + " never writes the runs bucket").doesNotContain("runs");
      }
    }
  }

  private Set<String> writtenTrees(String doc) {
    Set<String> trees = new TreeSet<>();
    for (Statement s : statements(doc)) {
      if (s.actions().stream().anyMatch(WRITES::contains)) {
        for (String r : s.resources()) {
          trees.add(r.equals("local.index_object_arns") ? "index documents" : tree(r).orElse("unknown: " + r));
        }
      }
    }
    return trees;
  }

  private List<String> writtenResourcesIn(String doc, String tree) {
    return statements(doc).stream()
        .filter(s -> s.actions().stream().anyMatch(WRITES::contains))
        .flatMap(s -> s.resources().stream())
        .filter(r -> tree(r).filter(tree::equals).isPresent())
        .toList();
  }

  private static Optional<String> tree(String resource) {
    Matcher m = TREE.matcher(resource);
    return m.find() ? Optional.of(m.group(1) != null ? m.group(1) : m.group(2)) : Optional.empty();
  }

  /** The source text of {@code name = ...} in a locals block, up to the next local or the block's end. */
  private String localDefinition(String name) {
    Matcher m = Pattern.compile("(?m)^  " + Pattern.quote(name) + "\\s*=([\\s\\S]*?)(?=^  \\w+\\s*=|^})").matcher(tf.text());
    assertThat(m.find()).as("local " + name + " is defined").isTrue();
    return m.group(1);
  }

  private List<Statement> allStatements() {
    List<Statement> all = new ArrayList<>();
    tf.data("aws_iam_policy_document").keySet().forEach(doc -> all.addAll(statements(doc)));
    assertThat(all).hasSizeGreaterThan(10);
    return all;
  }

  private List<Statement> statements(String doc) {
    Map<String, Object> document = tf.data("aws_iam_policy_document", doc);
    List<Map<String, Object>> blocks = new ArrayList<>(TerraformModule.blocks(document.get("statement")));
    if (document.get("dynamic") instanceof Map<?, ?> dynamic) {
      for (Map<String, Object> d : TerraformModule.blocks(dynamic.get("statement"))) {
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) d.get("content");
        blocks.add(content);
      }
    }
    List<Statement> statements = new ArrayList<>();
    for (Map<String, Object> b : blocks) {
      String sid = String.valueOf(b.getOrDefault("sid", "?"));
      List<String> resources = TerraformModule.strings(b.get("resources"));
      if (resources.isEmpty() && b.containsKey("resources")) {
        // hcl4j evaluated a computed local (a for-expression) to []: keep the reference, checked by its source text
        resources = List.of(resourcesReference(doc, sid));
      }
      statements.add(
          new Statement(
              doc + "/" + sid,
              String.valueOf(b.getOrDefault("effect", "Allow")),
              TerraformModule.strings(b.get("actions")),
              resources));
    }
    return statements;
  }

  /** The {@code resources = local.x} of a statement, read from the source of its document. */
  private String resourcesReference(String doc, String sid) {
    String text = tf.text();
    int start = text.indexOf("data \"aws_iam_policy_document\" \"" + doc + "\"");
    Matcher m =
        Pattern.compile("sid\\s*=\\s*\"" + Pattern.quote(sid) + "\"[^}]*?resources\\s*=\\s*(local\\.\\w+)")
            .matcher(text);
    assertThat(start >= 0 && m.find(start)).as(doc + "/" + sid + " names its resources").isTrue();
    return m.group(1);
  }

  private record Statement(String where, String effect, List<String> actions, List<String> resources) {}
}
