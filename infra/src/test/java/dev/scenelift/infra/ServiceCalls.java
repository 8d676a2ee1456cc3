package dev.scenelift.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS calls the processes of a test made, as IAM sees them: who (the access key of the credentials that signed
 * the request), which action, on which resource, and the condition keys IAM would look at. Thread-safe.
 */
final class ServiceCalls {
  /**
   * One authorized call.
   *
   * @param caller the access key id in the request's signature, {@code anonymous} when unsigned
   * @param action e.g. {@code s3:GetObject}
   * @param resource the ARN IAM authorizes the action on
   * @param conditions condition keys of the request, e.g. {@code s3:prefix}
   */
  record Call(String caller, String action, String resource, Map<String, String> conditions) {}

  private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");
  private final List<Call> calls = new ArrayList<>();

  synchronized void add(Call call) {
    calls.add(call);
  }

  synchronized List<Call> all() {
    return List.copyOf(calls);
  }

  /** The access key id of a SigV4 {@code Authorization} header, or {@code anonymous}. */
  static String caller(Optional<String> authorization) {
    return authorization
        .map(CREDENTIAL::matcher)
        .filter(Matcher::find)
        .map(m -> m.group(1))
        .orElse("anonymous");
  }

  /**
   * The S3 call in an HTTP request head (path-style, as the S3-compatible endpoint is addressed): the REST operation's
   * IAM action and resource, as listed in the S3 API reference. A copy is two calls (read the source, write the copy).
   */
  static List<Call> s3(String head) {
    String[] lines = head.split("\r\n");
    String[] requestLine = lines[0].split(" ");
    String method = requestLine[0];
    String target = requestLine[1];
    Map<String, String> headers = new java.util.HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
      }
    }
    String caller = caller(Optional.ofNullable(headers.get("authorization")));
    int q = target.indexOf('?');
    String path = java.net.URLDecoder.decode(q < 0 ? target : target.substring(0, q), java.nio.charset.StandardCharsets.UTF_8);
    Map<String, String> query = query(q < 0 ? "" : target.substring(q + 1));
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    int slash = trimmed.indexOf('/');
    String bucket = slash < 0 ? trimmed : trimmed.substring(0, slash);
    String key = slash < 0 ? "" : trimmed.substring(slash + 1);
    String bucketArn = "arn:aws:s3:::" + bucket;
    String objectArn = bucketArn + "/" + key;
    List<Call> out = new ArrayList<>();
    if (key.isEmpty()) {
      String action =
          switch (method) {
            case "GET" -> query.containsKey("uploads")
                ? "s3:ListBucketMultipartUploads"
                : query.containsKey("location") ? "s3:GetBucketLocation" : "s3:ListBucket";
            case "HEAD" -> "s3:ListBucket";
            case "PUT" -> "s3:CreateBucket";
            case "DELETE" -> "s3:DeleteBucket";
            case "POST" -> query.containsKey("delete") ? "s3:DeleteObject" : "s3:Unknown";
            default -> "s3:Unknown";
          };
      Map<String, String> conditions = query.containsKey("prefix") ? Map.of("s3:prefix", query.get("prefix")) : Map.of();
      out.add(new Call(caller, action, action.equals("s3:DeleteObject") ? bucketArn + "/*" : bucketArn, conditions));
      return out;
    }
    String action =
        switch (method) {
          case "GET", "HEAD" -> query.containsKey("uploadId") ? "s3:ListMultipartUploadParts" : "s3:GetObject";
          case "PUT", "POST" -> "s3:PutObject";
          case "DELETE" -> query.containsKey("uploadId") ? "s3:AbortMultipartUpload" : "s3:DeleteObject";
          default -> "s3:Unknown";
        };
    out.add(new Call(caller, action, objectArn, Map.of()));
    String copySource = headers.get("x-amz-copy-source");
    if (copySource != null && action.equals("s3:PutObject") && !query.containsKey("uploadId")) {
      String source = java.net.URLDecoder.decode(copySource, java.nio.charset.StandardCharsets.UTF_8);
      source = source.startsWith("/") ? source.substring(1) : source;
      int v = source.indexOf("?versionId=");
      out.add(new Call(caller, "s3:GetObject", "arn:aws:s3:::" + (v < 0 ? source : source.substring(0, v)), Map.of()));
    }
    return out;
  }

  /**
   * The SQS call of a request of the JSON protocol: {@code X-Amz-Target: AmazonSQS.<Operation>} in the head, the
   * {@code QueueUrl} in the body; the batch operations are authorized as their single forms. {@code queueArn} maps a
   * queue URL to the ARN IAM sees.
   */
  static Optional<Call> sqs(String head, byte[] body, java.util.function.Function<String, String> queueArn) {
    String caller = "anonymous";
    String operation = null;
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      if (name.equals("authorization")) {
        caller = caller(Optional.of(value));
      } else if (name.equals("x-amz-target") && value.startsWith("AmazonSQS.")) {
        operation = value.substring("AmazonSQS.".length());
      }
    }
    if (operation == null) {
      return Optional.empty();
    }
    String action = "sqs:" + operation.replaceFirst("Batch$", "");
    String queueUrl;
    try {
      queueUrl = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("QueueUrl").asText("");
    } catch (java.io.IOException e) {
      queueUrl = "";
    }
    return Optional.of(new Call(caller, action, queueArn.apply(queueUrl), Map.of()));
  }

  private static Map<String, String> query(String text) {
    Map<String, String> out = new java.util.HashMap<>();
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }
}
