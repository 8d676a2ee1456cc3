package dev.scenelift.infra;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * infra/ as {@code terraform apply} would leave it in one account and region: the values its expressions refer to
 * (variables with their defaults unless the deployment sets them, and the attributes of the resources it creates), so a
 * test can read what the module gives a job (environment, role) and what its policies name, from the {@code .tf} files
 * themselves. The resources are this machine's stand-ins: queue URLs and bucket names are those of {@code
 * outputs.example.json}, whose calls the test routes to its own servers.
 *
 * @param account the account id
 * @param variables variables set on apply ({@code -var name=value}); the others keep their defaults
 */
record Deployment(TerraformModule module, String account, Map<String, String> variables) {
  private static final Pattern REFERENCE = Pattern.compile("[a-z_]+(\\.[a-z0-9_\\-\\[\\]\"]+)+");

  Deployment {
    Objects.requireNonNull(module, "module");
    variables = Map.copyOf(variables);
  }

  /** The module with the defaults, in account 123456789012 (outputs.example.json's), with a landing prefix. */
  static Deployment example() {
    return new Deployment(TerraformModule.ofProject(), "123456789012", Map.of("landing_prefix", "landing/"));
  }

  String variable(String name) {
    String set = variables.get(name);
    return set != null ? set : String.valueOf(module.variableDefault(name));
  }

  String region() {
    return variable("region");
  }

  String namePrefix() {
    return variable("name_prefix");
  }

  /**
   * The bucket of a tree (raw, opt, cog) or of the runs (main.tf): {@code <prefix>-<tree>-<account>} in the buckets
   * layout, the one {@code <prefix>-data-<account>} for every tree in the prefixes layout.
   */
  String bucket(String tree) {
    String suffix = variable("bucket_suffix");
    String name = tree.equals("runs") || variable("layout").equals("buckets") ? tree : "data";
    return namePrefix() + "-" + name + "-" + (suffix.isEmpty() ? account : suffix);
  }

  /** The ARN a tree's object patterns start with: its bucket's, plus {@code /<tree>} in the prefixes layout. */
  String treeArn(String tree) {
    return "arn:aws:s3:::" + bucket(tree) + (variable("layout").equals("buckets") ? "" : "/" + tree);
  }

  String queueName(String queue) {
    return switch (queue) {
      case "events" -> namePrefix() + "-events";
      case "landing" -> namePrefix() + "-landing";
      case "dead_letter" -> namePrefix() + "-events-dlq";
      default -> throw new IllegalArgumentException("no queue " + queue + " in sqs.tf");
    };
  }

  String queueUrl(String queue) {
    return "https://sqs." + region() + ".amazonaws.com/" + account + "/" + queueName(queue);
  }

  String queueArn(String queue) {
    return "arn:aws:sqs:" + region() + ":" + account + ":" + queueName(queue);
  }

  /** The role of a job's containers (iam.tf: {@code <prefix>-<job>-job}). */
  String jobRole(String job) {
    return namePrefix() + "-" + job + "-job";
  }

  String jobQueueArn() {
    return "arn:aws:batch:" + region() + ":" + account + ":job-queue/" + namePrefix();
  }

  String jobDefinitionArn(String job, int revision) {
    return "arn:aws:batch:" + region() + ":" + account + ":job-definition/" + namePrefix() + "-" + job + ":" + revision;
  }

  /**
   * The value of one Terraform expression as the module writes it: a string literal, {@code var.x},
   * {@code tostring(var.x)}, or an attribute of a resource this deployment knows ({@link #attribute}).
   *
   * @throws IllegalArgumentException for an expression this deployment cannot evaluate
   */
  String evaluate(String expression) {
    String e = expression.strip();
    if (e.startsWith("\"") && e.endsWith("\"") && e.length() > 1) {
      return interpolate(e.substring(1, e.length() - 1));
    }
    Matcher call = Pattern.compile("tostring\\((.*)\\)").matcher(e);
    if (call.matches()) {
      return evaluate(call.group(1));
    }
    if (e.startsWith("var.")) {
      return variable(e.substring(4));
    }
    if (e.startsWith("\"")) {
      throw new IllegalArgumentException("cannot evaluate '" + expression + "'");
    }
    if (REFERENCE.matcher(e).matches()) {
      return attribute(e);
    }
    throw new IllegalArgumentException("cannot evaluate '" + expression + "'");
  }

  private String attribute(String reference) {
    Map<String, String> known = new LinkedHashMap<>();
    known.put("data.aws_partition.current.partition", "aws");
    known.put("data.aws_caller_identity.current.account_id", account);
    known.put("local.account_id", account);
    known.put("local.s3_arn", "arn:aws:s3:::");
    for (String tree : new String[] {"raw", "opt", "cog"}) {
      known.put("local." + tree + "_bucket_arn", "arn:aws:s3:::" + bucket(tree));
      known.put("local." + tree + "_arn", treeArn(tree));
    }
    known.put("local.runs_arn", "arn:aws:s3:::" + bucket("runs"));
    known.put("aws_batch_job_queue.main.arn", jobQueueArn());
    for (String q : new String[] {"events", "landing", "dead_letter"}) {
      String resource = "aws_sqs_queue." + q + (q.equals("landing") ? "[0]" : "");
      known.put(resource + ".url", queueUrl(q));
      known.put(resource + ".arn", queueArn(q));
    }
    String value = known.get(reference);
    if (value == null) {
      throw new IllegalArgumentException("this deployment has no value for " + reference);
    }
    return value;
  }

  /** A string template's {@code ${expression}} parts evaluated. */
  String interpolate(String template) {
    Matcher m = Pattern.compile("\\$\\{([^}]*)}").matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(evaluate(m.group(1))));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * A list expression of iam.tf: a literal list of strings and references, or one of the computed locals whose
   * definitions the module spells out (checked against its text, so a change there fails here instead of passing).
   */
  java.util.List<String> list(String expression) {
    String e = expression.strip();
    if (e.startsWith("[")) {
      java.util.List<String> out = new java.util.ArrayList<>();
      for (String item : e.substring(1, e.length() - 1).split(",")) {
        if (!item.isBlank()) {
          out.add(evaluate(item));
        }
      }
      return out;
    }
    java.util.List<String> sources = java.util.Arrays.stream(variable("source_buckets").replaceAll("[\\[\\]]", "").split(","))
        .map(String::strip).filter(x -> !x.isEmpty()).toList();
    String landing = variable("landing_prefix");
    String raw = "arn:aws:s3:::" + bucket("raw");
    switch (e) {
      case "local.source_object_arns" -> {
        requireDefinition("source_object_arns", "[for bucket in var.source_buckets : \"${local.s3_arn}${bucket}/*\"]",
            "var.landing_prefix == \"\" ? [] : [\"${local.raw_bucket_arn}/${var.landing_prefix}*\"]");
        java.util.List<String> out = new java.util.ArrayList<>(sources.stream().map(b -> "arn:aws:s3:::" + b + "/*").toList());
        if (!landing.isEmpty()) {
          out.add(raw + "/" + landing + "*");
        }
        return out;
      }
      case "local.source_bucket_arns" -> {
        requireDefinition("source_bucket_arns", "[for bucket in var.source_buckets : \"${local.s3_arn}${bucket}\"]");
        return sources.stream().map(b -> "arn:aws:s3:::" + b).toList();
      }
      case "local.index_object_arns" -> {
        requireDefinition("index_object_arns", "formatlist(\"${local.raw_arn}/*.%s\", var.index_object_suffixes)",
            "formatlist(\"${local.opt_arn}/*.%s\", var.index_object_suffixes)",
            "formatlist(\"${local.cog_arn}/*.%s\", var.index_object_suffixes)",
            "[\"${local.raw_arn}/${var.map_assets_prefix}*\", \"${local.opt_arn}/${var.map_assets_prefix}*\","
                + " \"${local.cog_arn}/${var.map_assets_prefix}*\"]");
        java.util.List<String> suffixes = java.util.Arrays.stream(
                variable("index_object_suffixes").replaceAll("[\\[\\]]", "").split(","))
            .map(String::strip).toList();
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String tree : new String[] {"raw", "opt", "cog"}) {
          suffixes.forEach(x -> out.add(treeArn(tree) + "/*." + x));
        }
        for (String tree : new String[] {"raw", "opt", "cog"}) {
          out.add(treeArn(tree) + "/" + variable("map_assets_prefix") + "*");
        }
        return out;
      }
      case "local.raw_and_opt_bucket_arns" -> {
        requireDefinition("raw_and_opt_bucket_arns", "distinct([\"${local.raw_bucket_arn}\", \"${local.opt_bucket_arn}\"])");
        return bucketArns("raw", "opt");
      }
      case "local.tree_bucket_arns" -> {
        requireDefinition("tree_bucket_arns",
            "distinct([\"${local.raw_bucket_arn}\", \"${local.opt_bucket_arn}\", \"${local.cog_bucket_arn}\"])");
        return bucketArns("raw", "opt", "cog");
      }
      case "local.every_bucket_arn" -> {
        requireDefinition("every_bucket_arn", "distinct([\"${local.raw_bucket_arn}\", \"${local.opt_bucket_arn}\","
            + " \"${local.cog_bucket_arn}\", \"${local.runs_arn}\"])");
        return bucketArns("raw", "opt", "cog", "runs");
      }
      default -> {
        return java.util.List.of(evaluate(e));
      }
    }
  }

  private java.util.List<String> bucketArns(String... trees) {
    return java.util.Arrays.stream(trees).map(t -> "arn:aws:s3:::" + bucket(t)).distinct().toList();
  }

  private void requireDefinition(String local, String... parts) {
    Matcher m = Pattern.compile("(?m)^  " + Pattern.quote(local) + "\\s*=([\\s\\S]*?)(?=^  \\w+\\s*=|^})").matcher(module.text());
    if (!m.find()) {
      throw new IllegalStateException("no local " + local + " in infra/");
    }
    for (String part : parts) {
      if (!m.group(1).contains(part)) {
        throw new IllegalStateException("local " + local + " no longer reads " + part + "; teach Deployment its new form");
      }
    }
  }

  /**
   * The {@code name = expression} pairs of a map-valued local (e.g. {@code job_environment}), from the source text:
   * hcl4j leaves calls and references it cannot evaluate empty, so the text is read and each value evaluated here.
   */
  Map<String, String> localMap(String name) {
    Matcher block = Pattern.compile("(?m)^  " + Pattern.quote(name) + "\\s*=\\s*\\{([\\s\\S]*?)^  }").matcher(module.text());
    if (!block.find()) {
      throw new IllegalStateException("no map local " + name + " in infra/");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : block.group(1).split("\\R")) {
      String code = line.replaceAll("#.*$", "").strip();
      if (code.isEmpty()) {
        continue;
      }
      int eq = code.indexOf('=');
      out.put(code.substring(0, eq).strip(), evaluate(code.substring(eq + 1)));
    }
    return out;
  }
}
