package dev.scenelift.infra;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Terraform module in {@code infra/}, parsed with hcl4j as Terraform would read it: every {@code *.tf} file of the
 * folder, one namespace.
 *
 * <p>hcl4j evaluates what it can: {@code var.x} becomes the variable's default, literals stay literals, and references
 * it cannot resolve stay as their dotted names ({@code "each.key"}, {@code "aws_sqs_queue.dead_letter.arn"}).
 * {@code jsonencode(...)} becomes the JSON text. For-expressions and function calls it cannot evaluate come out empty
 * or null, so the checks below read the literal parts of the module.
 */
final class TerraformModule {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final String text;
  private final Map<String, Object> root;

  private TerraformModule(Path dir, String text, Map<String, Object> root) {
    this.dir = dir;
    this.text = text;
    this.root = root;
  }

  /** The module of this project: {@code <project>/infra}. */
  /** The module with its default collection layout, {@code buckets}. */
  static TerraformModule ofProject() {
    return ofProject("buckets");
  }

  /**
   * The module as Terraform evaluates it with {@code layout = <layout>}: hcl4j does not resolve variables, so the
   * one condition on the layout is replaced by its value before parsing.
   */
  static TerraformModule ofProject(String layout) {
    return load(ProjectFiles.root().resolve("infra"), layout);
  }

  static TerraformModule load(Path dir) {
    return load(dir, "buckets");
  }

  static TerraformModule load(Path dir, String layout) {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> tf = files.filter(f -> f.toString().endsWith(".tf")).sorted().toList();
      if (tf.isEmpty()) {
        throw new IllegalStateException("no *.tf files in " + dir);
      }
      StringBuilder all = new StringBuilder();
      for (Path f : tf) {
        all.append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
      }
      String text = all.toString();
      String evaluated = text.replace("var.layout == \"buckets\"", Boolean.toString(layout.equals("buckets")));
      return new TerraformModule(dir, text, new HCLParser().parse(evaluated));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("hcl4j cannot parse " + dir + ": " + e.getMessage(), e);
    }
  }

  Path dir() {
    return dir;
  }

  /** All *.tf files, concatenated: for the few facts hcl4j cannot evaluate (for-expressions). */
  String text() {
    return text;
  }

  /** {@code resource "<type>" "<name>"} blocks by name. */
  Map<String, Map<String, Object>> resources(String type) {
    return named(section("resource").get(type));
  }

  Map<String, Object> resource(String type, String name) {
    return require(resources(type).get(name), "resource " + type + "." + name);
  }

  /** {@code data "<type>" "<name>"} blocks by name. */
  Map<String, Map<String, Object>> data(String type) {
    return named(section("data").get(type));
  }

  Map<String, Object> data(String type, String name) {
    return require(data(type).get(name), "data " + type + "." + name);
  }

  Map<String, Map<String, Object>> outputs() {
    return named(root.get("output"));
  }

  Map<String, Map<String, Object>> variables() {
    return named(root.get("variable"));
  }

  Object variableDefault(String name) {
    return require(variables().get(name), "variable " + name).get("default");
  }

  /** Every {@code locals} block, merged. */
  Map<String, Object> locals() {
    Map<String, Object> merged = new LinkedHashMap<>();
    for (Map<String, Object> block : blocks(root.get("locals"))) {
      merged.putAll(block);
    }
    return merged;
  }

  /** A block that may appear once (a map) or several times (a list of maps), as a list. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> blocks(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof Map<?, ?> one) {
      return List.of((Map<String, Object>) one);
    }
    if (value instanceof List<?> many) {
      return many.stream().map(b -> (Map<String, Object>) b).toList();
    }
    throw new IllegalStateException("not a block: " + value);
  }

  /** A list attribute's strings; a single string (a reference to a list) as a one-element list. */
  static List<String> strings(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of(String.valueOf(value));
  }

  /** A {@code jsonencode(...)} attribute as JSON (unresolved references appear as objects naming them). */
  static JsonNode json(Object value) {
    try {
      return JSON.readTree(String.valueOf(value));
    } catch (IOException e) {
      throw new IllegalStateException("not JSON: " + value, e);
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> section(String name) {
    Object value = root.get(name);
    return value == null ? Map.of() : (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> named(Object value) {
    if (value == null) {
      return Map.of();
    }
    return ((Map<String, Object>) value)
        .entrySet().stream()
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey,
                    e -> (Map<String, Object>) e.getValue(),
                    (a, b) -> a,
                    LinkedHashMap::new));
  }

  private static <T> T require(T value, String what) {
    if (value == null) {
      throw new AssertionError("the Terraform module has no " + what);
    }
    return value;
  }
}
