package dev.scenelift.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The policy documents of iam.tf as IAM would evaluate them in a deployment: each statement's actions, resources (the
 * expressions evaluated by {@link Deployment}) and {@code StringLike} conditions, with the statements of its {@code
 * source_policy_documents}. Read from the source text: hcl4j leaves interpolated ARNs half evaluated.
 */
final class IamPolicies {
  /**
   * @param where {@code <document>/<sid>}
   * @param stringLike condition key to its patterns ({@code StringLike} is the only test iam.tf uses)
   */
  record Statement(String where, List<String> actions, List<String> resources, Map<String, List<String>> stringLike) {
    boolean allows(ServiceCalls.Call call) {
      return actions.stream().anyMatch(a -> glob(a, call.action()))
          && resources.stream().anyMatch(r -> glob(r, call.resource()))
          && stringLike.entrySet().stream()
              .allMatch(c -> call.conditions().containsKey(c.getKey())
                  && c.getValue().stream().anyMatch(p -> glob(p, call.conditions().get(c.getKey()))));
    }
  }

  private final Deployment deployment;
  private final String text;

  IamPolicies(Deployment deployment) {
    this.deployment = deployment;
    this.text = deployment.module().text();
  }

  /** The statements of {@code data "aws_iam_policy_document" "<name>"}, its source documents' first. */
  List<Statement> document(String name) {
    String body = block("data \"aws_iam_policy_document\" \"" + name + "\"", 0);
    List<Statement> out = new ArrayList<>();
    Matcher sources = Pattern.compile("source_policy_documents\\s*=\\s*\\[([^\\]]*)]").matcher(body);
    if (sources.find()) {
      for (String ref : sources.group(1).split(",")) {
        Matcher doc = Pattern.compile("data\\.aws_iam_policy_document\\.(\\w+)\\.json").matcher(ref.strip());
        if (doc.matches()) {
          out.addAll(document(doc.group(1)));
        }
      }
    }
    int at = 0;
    while (true) {
      int start = body.indexOf("statement {", at);
      if (start < 0) {
        return out;
      }
      String statement = block("statement", start, body);
      at = start + statement.length();
      if (statement.contains("principals")) {
        continue; // a resource policy's statement (a queue's), not an identity's
      }
      String sid = match(statement, "sid\\s*=\\s*\"([^\"]*)\"").orElse("?");
      if (!match(statement, "effect\\s*=\\s*\"([^\"]*)\"").orElse("Allow").equals("Allow")) {
        throw new IllegalStateException(name + "/" + sid + ": Deny statements are not evaluated here");
      }
      List<String> actions = deployment.list(match(statement, "actions\\s*=\\s*(\\[[^\\]]*])").orElseThrow());
      List<String> resources =
          deployment.list(match(statement, "resources\\s*=\\s*(\\[[^\\]]*]|local\\.\\w+)").orElseThrow());
      Map<String, List<String>> conditions = new java.util.LinkedHashMap<>();
      int c = statement.indexOf("condition {");
      if (c >= 0) {
        String condition = block("condition", c, statement);
        String test = match(condition, "test\\s*=\\s*\"([^\"]*)\"").orElseThrow();
        if (!test.equals("StringLike")) {
          throw new IllegalStateException(name + "/" + sid + ": condition " + test + " is not evaluated here");
        }
        conditions.put(
            match(condition, "variable\\s*=\\s*\"([^\"]*)\"").orElseThrow(),
            deployment.list(match(condition, "values\\s*=\\s*(\\[[^\\]]*])").orElseThrow()));
      }
      out.add(new Statement(name + "/" + sid, actions, resources, Map.copyOf(conditions)));
    }
  }

  private static java.util.Optional<String> match(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
  }

  private String block(String header, int from) {
    int start = text.indexOf(header, from);
    if (start < 0) {
      throw new IllegalStateException("infra/ has no " + header);
    }
    return block(header, start, text);
  }

  /** From {@code start} to the brace closing the first block opened there; braces inside strings do not count. */
  private static String block(String header, int start, String in) {
    int open = in.indexOf('{', start);
    int depth = 0;
    boolean string = false;
    for (int i = open; i < in.length(); i++) {
      char ch = in.charAt(i);
      if (ch == '"' && in.charAt(i - 1) != '\\') {
        string = !string;
      } else if (!string && ch == '{') {
        depth++;
      } else if (!string && ch == '}' && --depth == 0) {
        return in.substring(start, i + 1);
      }
    }
    throw new IllegalStateException("unclosed block " + header);
  }

  /** IAM's wildcards: {@code *} any run of characters, {@code ?} one. */
  static boolean glob(String pattern, String value) {
    StringBuilder regex = new StringBuilder();
    for (char ch : pattern.toCharArray()) {
      regex.append(ch == '*' ? ".*" : ch == '?' ? "." : Pattern.quote(String.valueOf(ch)));
    }
    return value.matches(regex.toString());
  }
}
