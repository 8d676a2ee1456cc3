package dev.scenelift.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.batch.model.ArrayPropertiesDetail;
import software.amazon.awssdk.services.batch.model.ArrayPropertiesSummary;
import software.amazon.awssdk.services.batch.model.AttemptContainerDetail;
import software.amazon.awssdk.services.batch.model.AttemptDetail;
import software.amazon.awssdk.services.batch.model.ContainerDetail;
import software.amazon.awssdk.services.batch.model.DescribeJobsRequest;
import software.amazon.awssdk.services.batch.model.DescribeJobsResponse;
import software.amazon.awssdk.services.batch.model.JobDetail;
import software.amazon.awssdk.services.batch.model.JobSummary;
import software.amazon.awssdk.services.batch.model.KeyValuePair;
import software.amazon.awssdk.services.batch.model.ListJobsRequest;
import software.amazon.awssdk.services.batch.model.ListJobsResponse;
import software.amazon.awssdk.services.batch.model.SubmitJobRequest;
import software.amazon.awssdk.services.batch.model.SubmitJobResponse;

/**
 * An AWS Batch API endpoint on loopback that runs what it is sent: SubmitJob, DescribeJobs and ListJobs, each request
 * checked against the Batch shapes of the SDK's model ({@link BatchShapes}) and the API reference's limits, answers
 * written from the SDK's model objects. Each array child (or plain job) runs as its own JVM process, the job image's
 * entrypoint ({@link ImageEntrypoint}) with exactly the environment AWS Batch would give the container: the job
 * definition's ({@link JobDefinition}, read from batch.tf), then the request's {@code containerOverrides}, then
 * Batch's own variables ({@code AWS_BATCH_JOB_ID}, {@code AWS_BATCH_JOB_ARRAY_INDEX}, {@code AWS_BATCH_JOB_ATTEMPT},
 * {@code AWS_BATCH_JQ_NAME}, {@code AWS_BATCH_CE_NAME}) and the job role's credentials. Dependencies (N_TO_N, whole
 * job), the retry strategy ({@code evaluateOnExit}, first match wins, unmatched failures retried) and the attempt
 * timeout are applied as Batch applies them; up to {@code slots} containers run at once.
 *
 * <p>What it does not reproduce: scheduling across compute environments, instances and Spot reclaims (so no {@code
 * Host EC2*} status reasons and no {@code CannotPullContainerError}), image pulls (the classes come from the build),
 * container resource limits ({@code resourceRequirements}), CloudWatch logs (each attempt's output is a file), the
 * array parent's exact state transitions (it is PENDING until every child ended), pagination of ListJobs, and the ECS
 * agent's credentials endpoint: the role's credentials are given as {@code AWS_ACCESS_KEY_ID}/{@code
 * AWS_SECRET_ACCESS_KEY}/{@code AWS_SESSION_TOKEN}, because GDAL 3.6 only asks 169.254.170.2 for container
 * credentials, an address a test cannot serve.
 */
final class LoopbackBatch implements AutoCloseable {
  static final String COMPUTE_ENVIRONMENT = "scenelift-spot-loopback";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXITED = "Essential container in task exited";
  private static final String TIMED_OUT = "Job attempt duration exceeded timeout";

  private final HttpServer server;
  private final Deployment deployment;
  private final ServiceCalls calls;
  private final Function<String, String> roleKey;
  private final Path logs;
  private final ExecutorService containers;
  private final ExecutorService waiters = Executors.newCachedThreadPool(daemon("batch-wait"));
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final List<JsonNode> submitted = new ArrayList<>();

  /**
   * @param roleKey the access key id of a role's credentials (the S3 and SQS endpoints tell callers apart by it)
   * @param logs where each attempt's output goes, {@code <job-name>/<index>.attempt-<n>.log}
   * @param slots containers at once
   */
  LoopbackBatch(Deployment deployment, ServiceCalls calls, Function<String, String> roleKey, Path logs, int slots)
      throws IOException {
    this.deployment = deployment;
    this.calls = calls;
    this.roleKey = roleKey;
    this.logs = logs;
    this.containers = Executors.newFixedThreadPool(slots, daemon("batch-container"));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4, daemon("batch-api")));
    server.createContext("/", this::handle);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Every SubmitJob body received, in order. */
  synchronized List<JsonNode> submitted() {
    return List.copyOf(submitted);
  }

  /** Every attempt of every container that ran, in start order. */
  List<Attempt> attempts() {
    List<Attempt> out = new ArrayList<>();
    for (Job job : jobs.values()) {
      for (Child c : job.children) {
        out.addAll(c.attempts);
      }
    }
    out.sort(java.util.Comparator.comparing(Attempt::startedAt));
    return out;
  }

  // ---- the API ----------------------------------------------------------------------------------------------------

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      byte[] bytes = exchange.getRequestBody().readAllBytes();
      String caller = ServiceCalls.caller(Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")));
      JsonNode body;
      try {
        body = JSON.readTree(bytes.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : bytes);
      } catch (IOException e) {
        reply(exchange, 400, error("ClientException", "the body is not JSON: " + e.getMessage()));
        return;
      }
      SdkPojo answer;
      try {
        answer =
            switch (exchange.getRequestMethod() + " " + path) {
              case "POST /v1/submitjob" -> submitJob(caller, bytes.length, body);
              case "POST /v1/describejobs" -> describeJobs(caller, body);
              case "POST /v1/listjobs" -> listJobs(caller, body);
              default -> throw new ClientError("this endpoint serves SubmitJob, DescribeJobs and ListJobs, not " + path);
            };
      } catch (ClientError e) {
        reply(exchange, 400, error("ClientException", e.getMessage()));
        return;
      } catch (RuntimeException e) {
        e.printStackTrace();
        reply(exchange, 500, error("ServerException", "the test's Batch endpoint failed: " + e));
        return;
      }
      reply(exchange, 200, BatchShapes.json(answer));
    }
  }

  private static final class ClientError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClientError(String message) {
      super(message);
    }
  }

  private static void check(JsonNode body, SdkPojo shape, String operation) {
    List<String> problems = BatchShapes.problems(body, shape);
    if (!problems.isEmpty()) {
      throw new ClientError(operation + ": " + String.join("; ", problems));
    }
  }

  private static void limit(boolean ok, String what) {
    if (!ok) {
      throw new ClientError(what);
    }
  }

  private SdkPojo submitJob(String caller, int bytes, JsonNode body) {
    check(body, SubmitJobRequest.builder(), "SubmitJob");
    // required members and limits of the API reference (SubmitJob), which the compiled model does not carry
    limit(bytes < 30 * 1024, "SubmitJob: the payload must be under 30 KiB, got " + bytes);
    for (String member : List.of("jobName", "jobQueue", "jobDefinition")) {
      limit(body.path(member).isTextual(), "SubmitJob: " + member + " is required");
    }
    String name = body.get("jobName").asText();
    limit(name.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,127}"), "SubmitJob: jobName '" + name + "' is not 1-128 of [A-Za-z0-9_-]");
    int size = body.path("arrayProperties").path("size").asInt(0);
    limit(!body.has("arrayProperties") || (size >= 2 && size <= 10_000), "SubmitJob: array size must be 2-10000");
    limit(body.path("dependsOn").size() <= 20, "SubmitJob: at most 20 dependencies");
    JsonNode retry = body.path("retryStrategy");
    limit(retry.isMissingNode() || (retry.path("attempts").asInt(1) >= 1 && retry.path("attempts").asInt(1) <= 10),
        "SubmitJob: retryStrategy.attempts must be 1-10");
    limit(retry.path("evaluateOnExit").size() <= 5, "SubmitJob: at most 5 evaluateOnExit rules");
    limit(body.path("timeout").isMissingNode() || body.path("timeout").path("attemptDurationSeconds").asInt() >= 60,
        "SubmitJob: timeout.attemptDurationSeconds must be at least 60");
    String queue = body.get("jobQueue").asText();
    limit(queue.equals(deployment.namePrefix()) || queue.equals(deployment.jobQueueArn()),
        "SubmitJob: no job queue " + queue);
    JobDefinition definition = definition(body.get("jobDefinition").asText());
    calls.add(new ServiceCalls.Call(caller, "batch:SubmitJob", deployment.jobQueueArn(), Map.of()));
    String named = body.get("jobDefinition").asText();
    java.util.regex.Matcher revision = java.util.regex.Pattern.compile(":(\\d+)$").matcher(named);
    calls.add(
        new ServiceCalls.Call(
            caller,
            "batch:SubmitJob",
            deployment.jobDefinitionArn(definition.job(), revision.find() ? Integer.parseInt(revision.group(1)) : 1),
            Map.of()));
    String id = UUID.randomUUID().toString();
    String jobArn = "arn:aws:batch:" + deployment.region() + ":" + deployment.account() + ":job/" + id;
    if (body.path("tags").size() > 0) {
      calls.add(new ServiceCalls.Call(caller, "batch:TagResource", jobArn, Map.of()));
    }
    List<Dependency> deps = new ArrayList<>();
    for (JsonNode d : body.path("dependsOn")) {
      Job upstream = jobs.get(d.path("jobId").asText());
      limit(upstream != null, "SubmitJob: dependsOn names an unknown job " + d.path("jobId").asText());
      boolean perChild = "N_TO_N".equals(d.path("type").asText());
      limit(!perChild || upstream.children.size() == Math.max(1, size) && size > 0,
          "SubmitJob: N_TO_N needs two array jobs of one size");
      deps.add(new Dependency(upstream, perChild));
    }
    Job job = new Job(id, jobArn, name, body, definition, Math.max(1, size), size > 0, deps);
    synchronized (this) {
      submitted.add(body);
    }
    jobs.put(id, job);
    job.children.forEach(c -> schedule(job, c));
    return SubmitJobResponse.builder().jobArn(jobArn).jobName(name).jobId(id).build();
  }

  private JobDefinition definition(String nameOrArn) {
    String name = nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1).replaceFirst(":\\d+$", "");
    String prefix = deployment.namePrefix() + "-";
    limit(name.startsWith(prefix), "SubmitJob: no job definition " + nameOrArn);
    try {
      return JobDefinition.of(deployment, name.substring(prefix.length()));
    } catch (IllegalArgumentException e) {
      throw new ClientError("SubmitJob: no job definition " + nameOrArn);
    }
  }

  private SdkPojo describeJobs(String caller, JsonNode body) {
    check(body, DescribeJobsRequest.builder(), "DescribeJobs");
    limit(body.path("jobs").isArray() && body.get("jobs").size() <= 100, "DescribeJobs: jobs is required, at most 100");
    calls.add(new ServiceCalls.Call(caller, "batch:DescribeJobs", "*", Map.of()));
    List<JobDetail> details = new ArrayList<>();
    for (JsonNode idNode : body.get("jobs")) {
      String id = idNode.asText();
      int colon = id.lastIndexOf(':');
      Job job = jobs.get(colon < 0 ? id : id.substring(0, colon));
      if (job == null) {
        continue;
      }
      if (colon < 0) {
        details.add(job.detail());
      } else {
        int index = Integer.parseInt(id.substring(colon + 1));
        if (job.array && index >= 0 && index < job.children.size()) {
          details.add(job.children.get(index).detail());
        }
      }
    }
    return DescribeJobsResponse.builder().jobs(details).build();
  }

  private SdkPojo listJobs(String caller, JsonNode body) {
    check(body, ListJobsRequest.builder(), "ListJobs");
    calls.add(new ServiceCalls.Call(caller, "batch:ListJobs", "*", Map.of()));
    List<String> names = new ArrayList<>();
    for (JsonNode f : body.path("filters")) {
      limit("JOB_NAME".equals(f.path("name").asText()), "ListJobs: this endpoint filters on JOB_NAME only");
      f.path("values").forEach(v -> names.add(v.asText()));
    }
    // without filters ListJobs returns the queue's jobs in one status, RUNNING unless jobStatus says otherwise
    String status = body.path("jobStatus").asText("RUNNING");
    List<JobSummary> out = new ArrayList<>();
    for (Job job : jobs.values()) {
      if (names.isEmpty() ? job.status().equals(status) : names.contains(job.name)) {
        out.add(
            JobSummary.builder()
                .jobArn(job.arn)
                .jobId(job.id)
                .jobName(job.name)
                .createdAt(job.createdAt)
                .status(job.status())
                .arrayProperties(job.array ? ArrayPropertiesSummary.builder().size(job.children.size()).build() : null)
                .build());
      }
    }
    return ListJobsResponse.builder().jobSummaryList(out).build();
  }

  private static void reply(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (status != 200) {
      exchange.getResponseHeaders().set("x-amzn-ErrorType", body.path("__type").asText());
    }
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static ObjectNode error(String type, String message) {
    ObjectNode node = JSON.createObjectNode();
    node.put("__type", type);
    node.put("message", message);
    return node;
  }

  // ---- running the jobs -------------------------------------------------------------------------------------------

  /** One dependency of a job: on the same index of an array job (N_TO_N), or on all of it. */
  private record Dependency(Job upstream, boolean perChild) {
    CompletableFuture<Boolean> passed(int index) {
      if (perChild) {
        return upstream.children.get(index).done.thenApply(ok -> ok);
      }
      return CompletableFuture.allOf(upstream.children.stream().map(c -> c.done).toArray(CompletableFuture[]::new))
          .thenApply(v -> upstream.children.stream().allMatch(c -> c.done.join()));
    }
  }

  /**
   * One container attempt.
   *
   * @param job the job name
   * @param index the array index, -1 for a plain job
   * @param number the attempt, from 1
   * @param environment exactly what the container was given
   * @param command what it ran
   * @param exitCode its exit code, -1 when it was killed on timeout
   */
  record Attempt(
      String job,
      int index,
      int number,
      Map<String, String> environment,
      List<String> command,
      long startedAt,
      long stoppedAt,
      int exitCode,
      String statusReason,
      Path log) {}

  private void schedule(Job job, Child child) {
    List<CompletableFuture<Boolean>> gates = job.dependencies.stream().map(d -> d.passed(child.index)).toList();
    child.status = gates.isEmpty() ? "RUNNABLE" : "PENDING";
    CompletableFuture.allOf(gates.toArray(CompletableFuture[]::new))
        .whenCompleteAsync(
            (v, t) -> {
              if (!gates.stream().allMatch(CompletableFuture::join)) {
                child.end(false, "Dependent Job failed");
                return;
              }
              child.status = "RUNNABLE";
              containers.execute(() -> run(job, child));
            },
            waiters);
  }

  private void run(Job job, Child child) {
    JsonNode request = job.request;
    JobDefinition definition = job.definition;
    int attempts = request.path("retryStrategy").path("attempts").asInt(definition.attempts());
    List<Map<String, String>> rules = rules(request, definition);
    int timeout = request.path("timeout").path("attemptDurationSeconds").asInt(definition.timeoutSeconds());
    child.startedAt = System.currentTimeMillis();
    for (int number = 1; number <= attempts; number++) {
      child.status = "STARTING";
      Attempt attempt;
      try {
        attempt = runContainer(job, child, number, timeout);
      } catch (IOException e) {
        child.end(false, "CannotStartContainerError: " + e.getMessage());
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        child.end(false, "the endpoint was stopped");
        return;
      }
      child.attempts.add(attempt);
      if (attempt.exitCode() == 0) {
        child.end(true, EXITED);
        return;
      }
      String action = decision(rules, attempt.exitCode(), attempt.statusReason());
      if (action.equals("EXIT") || number == attempts) {
        child.end(false, attempt.statusReason());
        return;
      }
    }
  }

  private static List<Map<String, String>> rules(JsonNode request, JobDefinition definition) {
    JsonNode fromRequest = request.path("retryStrategy").path("evaluateOnExit");
    if (!fromRequest.isArray()) {
      return definition.evaluateOnExit();
    }
    List<Map<String, String>> out = new ArrayList<>();
    for (JsonNode r : fromRequest) {
      Map<String, String> rule = new LinkedHashMap<>();
      r.fields().forEachRemaining(e -> rule.put(e.getKey(), e.getValue().asText()));
      out.add(rule);
    }
    return out;
  }

  /** Batch's reading of {@code evaluateOnExit}: the first rule whose patterns all match; a failure none matches retries. */
  static String decision(List<Map<String, String>> rules, int exitCode, String statusReason) {
    return decision(rules, exitCode, "", statusReason);
  }

  /** As above, with the container's {@code reason} (e.g. an OutOfMemoryError kill). */
  static String decision(List<Map<String, String>> rules, int exitCode, String reason, String statusReason) {
    for (Map<String, String> rule : rules) {
      if (glob(rule.get("onExitCode"), Integer.toString(exitCode))
          && glob(rule.get("onReason"), reason)
          && glob(rule.get("onStatusReason"), statusReason)) {
        return rule.get("action").toUpperCase(java.util.Locale.ROOT);
      }
    }
    return "RETRY";
  }

  private static boolean glob(String pattern, String value) {
    if (pattern == null) {
      return true;
    }
    return pattern.endsWith("*") ? value.startsWith(pattern.substring(0, pattern.length() - 1)) : value.equals(pattern);
  }

  private Attempt runContainer(Job job, Child child, int number, int timeoutSeconds)
      throws IOException, InterruptedException {
    ImageEntrypoint image = ImageEntrypoint.of(job.definition.job());
    Map<String, String> env = new LinkedHashMap<>(image.environment());
    env.putAll(job.definition.environment());
    for (JsonNode kv : job.request.path("containerOverrides").path("environment")) {
      env.put(kv.path("name").asText(), kv.path("value").asText());
    }
    String childId = job.array ? job.id + ":" + child.index : job.id;
    env.put("AWS_BATCH_JOB_ID", childId);
    env.put("AWS_BATCH_JOB_ATTEMPT", Integer.toString(number));
    env.put("AWS_BATCH_JQ_NAME", deployment.namePrefix());
    env.put("AWS_BATCH_CE_NAME", COMPUTE_ENVIRONMENT);
    if (job.array) {
      env.put("AWS_BATCH_JOB_ARRAY_INDEX", Integer.toString(child.index));
    }
    String key = roleKey.apply(job.definition.jobRole());
    env.put("AWS_ACCESS_KEY_ID", key);
    env.put("AWS_SECRET_ACCESS_KEY", "secret-of-" + key);
    env.put("AWS_SESSION_TOKEN", "session-of-" + key);
    List<String> arguments = new ArrayList<>(job.definition.command());
    JsonNode overrides = job.request.path("containerOverrides").path("command");
    if (overrides.isArray() && overrides.size() > 0) {
      arguments.clear();
      overrides.forEach(a -> arguments.add(a.asText()));
    }
    List<String> command = image.command(arguments);
    Path home = Files.createTempDirectory("scenelift-container-");
    Path log =
        Files.createDirectories(logs.resolve(job.name))
            .resolve((job.array ? child.index : 0) + ".attempt-" + number + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    long started = System.currentTimeMillis();
    child.status = "RUNNING";
    Process process = builder.start();
    boolean ended = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly().waitFor();
    }
    deleteTree(home);
    return new Attempt(
        job.name,
        job.array ? child.index : -1,
        number,
        Map.copyOf(env),
        List.copyOf(command),
        started,
        System.currentTimeMillis(),
        ended ? process.exitValue() : -1,
        ended ? EXITED : TIMED_OUT,
        log);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** A submitted job: its request, definition and children (one for a plain job). */
  private final class Job {
    final String id;
    final String arn;
    final String name;
    final JsonNode request;
    final JobDefinition definition;
    final boolean array;
    final List<Dependency> dependencies;
    final List<Child> children = new ArrayList<>();
    final long createdAt = System.currentTimeMillis();

    Job(String id, String arn, String name, JsonNode request, JobDefinition definition, int children, boolean array,
        List<Dependency> dependencies) {
      this.id = id;
      this.arn = arn;
      this.name = name;
      this.request = request;
      this.definition = definition;
      this.array = array;
      this.dependencies = List.copyOf(dependencies);
      for (int i = 0; i < children; i++) {
        this.children.add(new Child(this, i));
      }
    }

    String status() {
      if (!array) {
        return children.get(0).status;
      }
      boolean allDone = children.stream().allMatch(c -> c.done.isDone());
      if (!allDone) {
        return "PENDING";
      }
      return children.stream().allMatch(c -> c.done.join()) ? "SUCCEEDED" : "FAILED";
    }

    JobDetail detail() {
      if (!array) {
        return children.get(0).detail();
      }
      Map<String, Integer> summary = new LinkedHashMap<>();
      for (String s : List.of("SUBMITTED", "PENDING", "RUNNABLE", "STARTING", "RUNNING", "SUCCEEDED", "FAILED")) {
        summary.put(s, (int) children.stream().filter(c -> c.status.equals(s)).count());
      }
      String status = status();
      return base()
          .status(status)
          .statusReason(status.equals("FAILED") ? "Array Child Job failed" : null)
          .arrayProperties(ArrayPropertiesDetail.builder().size(children.size()).statusSummary(summary).build())
          .build();
    }

    JobDetail.Builder base() {
      Map<String, String> tags = new LinkedHashMap<>();
      request.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
      List<software.amazon.awssdk.services.batch.model.JobDependency> deps = new ArrayList<>();
      for (JsonNode d : request.path("dependsOn")) {
        deps.add(
            software.amazon.awssdk.services.batch.model.JobDependency.builder()
                .jobId(d.path("jobId").asText())
                .type(d.has("type") ? d.get("type").asText() : null)
                .build());
      }
      return JobDetail.builder()
          .jobArn(arn)
          .jobName(name)
          .jobId(id)
          .jobQueue(deployment.jobQueueArn())
          .jobDefinition(deployment.jobDefinitionArn(definition.job(), 1))
          .createdAt(createdAt)
          .dependsOn(deps)
          .tags(tags)
          .propagateTags(request.path("propagateTags").asBoolean(false));
    }
  }

  /** One array child, or the one container of a plain job. */
  private final class Child {
    final Job job;
    final int index;
    final List<Attempt> attempts = new java.util.concurrent.CopyOnWriteArrayList<>();
    final CompletableFuture<Boolean> done = new CompletableFuture<>();
    volatile String status = "SUBMITTED";
    volatile String statusReason;
    volatile long startedAt;
    volatile long stoppedAt;

    Child(Job job, int index) {
      this.job = job;
      this.index = index;
    }

    void end(boolean succeeded, String reason) {
      statusReason = reason;
      stoppedAt = System.currentTimeMillis();
      status = succeeded ? "SUCCEEDED" : "FAILED";
      done.complete(succeeded);
    }

    JobDetail detail() {
      List<AttemptDetail> tries = new ArrayList<>();
      for (Attempt a : attempts) {
        tries.add(
            AttemptDetail.builder()
                .startedAt(a.startedAt())
                .stoppedAt(a.stoppedAt())
                .statusReason(a.statusReason())
                .container(AttemptContainerDetail.builder().exitCode(a.exitCode()).logStreamName(a.log().toString()).build())
                .build());
      }
      Attempt last = attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
      JobDetail.Builder b =
          job.base()
              .status(status)
              .statusReason(statusReason)
              .attempts(tries)
              .container(
                  ContainerDetail.builder()
                      .exitCode(last == null ? null : last.exitCode())
                      .jobRoleArn("arn:aws:iam::" + deployment.account() + ":role/" + job.definition.jobRole())
                      .environment(
                          job.definition.environment().entrySet().stream()
                              .map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build())
                              .toList())
                      .build());
      if (startedAt > 0) {
        b.startedAt(startedAt);
      }
      if (stoppedAt > 0) {
        b.stoppedAt(stoppedAt);
      }
      if (job.array) {
        b.jobId(job.id + ":" + index)
            .jobArn(job.arn + ":" + index)
            .arrayProperties(ArrayPropertiesDetail.builder().index(index).build());
      }
      return b.build();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    server.stop(0);
    containers.shutdownNow();
    waiters.shutdownNow();
  }
}
