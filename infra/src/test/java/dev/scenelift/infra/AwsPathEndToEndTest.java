package dev.scenelift.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Settings;
import dev.scenelift.synthetic.SyntheticTiles;
import dev.scenelift.testing.ElasticMq;
import dev.scenelift.testing.FaultProxy;
import dev.scenelift.testing.S3TestSupport;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS path on this machine: {@code submit-run --engine aws} and its {@code status}, {@code watch}, {@code retry}
 * and {@code listen} as processes of their own, with infra's outputs ({@code outputs.example.json}) as their
 * configuration and {@code --s3-endpoint}/{@code --sqs-endpoint}/{@code --batch-endpoint} pointing at S3 (S3Proxy),
 * SQS (ElasticMQ) and a Batch API endpoint ({@link LoopbackBatch}) in this JVM; each array child a JVM process of its
 * own with the job definition's and the request's environment. Every S3, SQS and Batch call is recorded with the
 * credentials that signed it, and the last test checks them against iam.tf's policies, both ways.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AwsPathEndToEndTest {
  static final String SUBMITTER = "AKIASUBMITTER";
  static final String SETUP = "AKIATESTSETUP";
  private static final Tile TILE = Tile.parse("h03v03");
  private static final int SIZE = 128;
  private static final String SOURCE_BUCKET = "usgs-landsat";
  private static final String SOURCE_PREFIX = "collection01/ard/h03v03/";
  private static final ObjectMapper JSON = new ObjectMapper();

  final Deployment deployment = Deployment.example();
  final ServiceCalls calls = new ServiceCalls();
  private Path work;
  private EmbeddedS3Store store;
  private FaultProxy s3Proxy;
  private ElasticMq mq;
  private FaultProxy sqsProxy;
  private LoopbackBatch batch;
  private S3Client s3;
  private SqsClient sqs;
  private Path config;
  private SyntheticTiles.Folder scenes;

  /** The access key of a role's credentials: how the S3 and SQS endpoints tell the callers apart. */
  static String roleKey(String role) {
    return "AKIA-" + role;
  }

  @BeforeAll
  void startTheServices() throws Exception {
    work = Files.createTempDirectory("scenelift-aws-path-");
    store = EmbeddedS3Store.inMemory();
    s3Proxy = new FaultProxy(store.endpoint(), 0, 1);
    s3Proxy.setObserver((head, body) -> ServiceCalls.s3(head).stream().filter(c -> !c.caller().equals(SETUP)).forEach(calls::add));
    mq = ElasticMq.start();
    sqsProxy = new FaultProxy(mq.endpoint(), 0, 1);
    sqsProxy.setObserver(
        (head, body) ->
            ServiceCalls.sqs(head, body, this::queueArn).filter(c -> !c.caller().equals(SETUP)).ifPresent(calls::add));
    batch = new LoopbackBatch(deployment, calls, AwsPathEndToEndTest::roleKey, work.resolve("batch-logs"), 2);
    s3 =
        S3ClientFactory.create(
            new S3Settings(
                java.util.Optional.of(deployment.region()),
                java.util.Optional.of(s3Proxy.endpoint()),
                true,
                false,
                java.util.Optional.of(new S3Settings.StaticCredentials(SETUP, "setup-secret")),
                false));
    sqs =
        SqsClient.builder()
            .endpointOverride(sqsProxy.endpoint())
            .region(Region.of(deployment.region()))
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(SETUP, "setup-secret")))
            .build();
    for (String tree : List.of("raw", "opt", "cog", "runs")) {
      s3.createBucket(b -> b.bucket(deployment.bucket(tree)));
    }
    s3.createBucket(b -> b.bucket(SOURCE_BUCKET));
    for (String queue : List.of("events", "landing")) {
      sqs.createQueue(b -> b.queueName(deployment.queueName(queue)));
    }
    scenes = new SyntheticTiles(work.resolve("synthetic"), SIZE).ensure(TILE, 4);
    config = writeConfig();
  }

  @AfterAll
  void stopTheServices() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {batch, s3, sqs, sqsProxy, mq, s3Proxy, store}) {
      if (c != null) {
        c.close();
      }
    }
    if (work != null) {
      try (Stream<Path> paths = Files.walk(work)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private String queueArn(String queueUrl) {
    String name = queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
    for (String queue : List.of("events", "landing", "dead_letter")) {
      if (deployment.queueName(queue).equals(name)) {
        return deployment.queueArn(queue);
      }
    }
    return "arn:aws:sqs:unknown:" + queueUrl;
  }

  /** outputs.example.json as {@code terraform output -json} prints it for the deployment (with its landing queue). */
  private Path writeConfig() throws IOException {
    ObjectNode outputs = (ObjectNode) JSON.readTree(ProjectFiles.root().resolve("infra/outputs.example.json").toFile());
    ((ObjectNode) outputs.get("landing_queue_url")).put("value", deployment.queueUrl("landing"));
    assertThat(outputs.path("events_queue_url").path("value").asText()).isEqualTo(deployment.queueUrl("events"));
    assertThat(outputs.path("raw_bucket").path("value").asText()).isEqualTo(deployment.bucket("raw"));
    return Files.writeString(work.resolve("tf-output.json"), JSON.writeValueAsString(outputs));
  }

  // ---- the runs ---------------------------------------------------------------------------------------------------

  private final List<SceneId> runScenes = new ArrayList<>();
  private String firstRun;
  private String retryRun;

  @Test
  @Order(1)
  void aRunSubmittedToAwsEndsWithTheOutputsAndMarkersOfTheEmbeddedEngine() throws Exception {
    // clear, partly cloudy (its bundle broken on the first run), and the research scene: every collection gets one
    runScenes.addAll(List.of(scenes.scenes().get(0), scenes.scenes().get(1), scenes.scenes().get(3)));
    SceneId broken = runScenes.get(1);
    uploadSource(runScenes, broken);

    Result submitted = submitRun("--tile", TILE.toString(), "--source", "s3://" + SOURCE_BUCKET + "/" + SOURCE_PREFIX,
        "--request-payer", "requester", "--scenes-per-task", "1", "--json");
    assertThat(submitted.code()).as(submitted.all()).isZero();
    firstRun = JSON.readTree(submitted.out()).path("runId").asText();
    assertThat(firstRun).as(submitted.all()).startsWith("h03v03-");

    Result watched = submitRun("watch", firstRun, "--poll", "0.5", "--max-poll", "2");
    assertThat(watched.code()).as("one scene's bundle is corrupt: " + watched.all()).isEqualTo(1);
    Result status = submitRun("status", firstRun, "--json");
    assertThat(status.code()).as(status.all()).isEqualTo(1);
    JsonNode first = JSON.readTree(status.out());
    assertThat(first.path("sceneCounts").path("FAILED").asInt()).as(status.out()).isEqualTo(1);
    // the failure contract on AWS: the broken scene has its record and its child exits 0, so nothing blocks the chain
    assertThat(first.path("stages").get(0).path("counts").path("FAILED").asInt()).as(status.out()).isZero();
    assertThat(first.path("stages").get(0).path("counts").path("SUCCEEDED").asInt()).as(status.out()).isEqualTo(3);
    assertThat(first.path("stages").get(3).path("status").asText())
        .as("index-build runs over the scenes that finished: " + status.out()).isEqualTo("SUCCEEDED");

    uploadSource(List.of(broken), null);
    Result retried = submitRun("retry", firstRun);
    assertThat(retried.code()).as(retried.all()).isZero();
    retryRun = lastLine(retried.out());
    Result watchedRetry = submitRun("watch", retryRun, "--poll", "0.5", "--max-poll", "2");
    assertThat(watchedRetry.code()).as(watchedRetry.all() + batchLogs()).isZero();
    Result retryStatus = submitRun("status", retryRun, "--json");
    assertThat(retryStatus.code()).as(retryStatus.all()).isZero();

    Path embedded = work.resolve("embedded");
    Result local =
        submitRun(Map.of(), "--tile", TILE.toString(), "--engine", "local", "--source", scenesUri(runScenes),
            "--data-dir", embedded.toString(), "--port", "0");
    assertThat(local.code()).as(local.all()).isZero();
    // map.html's bundled assets sit beside the layout's roots: in each bucket on AWS, once beside raw/ opt/ cog/ here
    Set<String> embeddedAssets = embeddedKeys(embedded, "assets/map");
    assertThat(embeddedAssets).isNotEmpty();
    for (String tree : List.of("raw", "opt", "cog")) {
      Set<String> keys = awsKeys(tree);
      Set<String> assets = keys.stream().filter(k -> k.startsWith("assets/map/"))
          .map(k -> k.substring("assets/map/".length())).collect(Collectors.toCollection(TreeSet::new));
      keys.removeIf(k -> k.startsWith("assets/map/"));
      assertThat(keys).as(tree + " tree").isEqualTo(embeddedKeys(embedded, tree));
      if (!assets.isEmpty()) {
        assertThat(assets).as(tree + " bucket's map assets").isEqualTo(embeddedAssets);
      }
    }
    assertThat(awsKeys("raw")).as("the tile's map in the raw bucket loads its assets from that bucket")
        .anyMatch(k -> k.startsWith("assets/map/") && k.endsWith(".js"));
    for (SceneId scene : runScenes) {
      assertThat(awsKeys("raw"))
          .as("markers of " + scene)
          .contains(TILE + "/" + scene + "/_scenelift/fetch-scene.done.json")
          .contains(TILE + "/" + scene + "/_scenelift/cloud-filter.done.json")
          .noneMatch(k -> k.startsWith(TILE + "/" + scene + "/_scenelift/") && k.endsWith(".failed.json"));
    }
    assertThat(awsKeys("cog")).anyMatch(k -> k.endsWith("/_scenelift/cog-convert.done.json"));
    assertThat(batch.attempts())
        .as("a scene with a failure record is not a failure a retry fixes: no fetch child ran twice (it exits 1, or 0"
            + " with every scene ended, and the retry strategy retries neither)")
        .anyMatch(a -> a.job().endsWith("-fetch-scene"))
        .noneMatch(a -> a.job().endsWith("-fetch-scene") && a.number() > 1);
  }

  @Test
  @Order(2)
  void everyContainerGetsTheJobDefinitionsEnvironmentTheRequestsOverridesAndBatchsVariables() throws Exception {
    List<LoopbackBatch.Attempt> attempts = batch.attempts();
    assertThat(attempts).isNotEmpty();
    for (LoopbackBatch.Attempt a : attempts) {
      String job = a.job().replaceFirst("^scenelift-h03v03-[0-9t]+-[0-9a-f]+-", "");
      JobDefinition definition = JobDefinition.of(deployment, job);
      assertThat(a.environment()).as(a.job()).containsAllEntriesOf(definition.environment());
      assertThat(a.environment())
          .as(a.job())
          .containsEntry("AWS_REGION", deployment.region())
          .containsEntry("SCENELIFT_EVENTS_QUEUE", deployment.queueUrl("events"))
          .containsEntry("SCENELIFT_S3_ENDPOINT", s3Proxy.endpoint().toString())
          .containsEntry("SCENELIFT_SQS_ENDPOINT", sqsProxy.endpoint().toString())
          .containsEntry("AWS_BATCH_JOB_ATTEMPT", Integer.toString(a.number()))
          .containsEntry("AWS_BATCH_JQ_NAME", deployment.namePrefix())
          .containsEntry("AWS_ACCESS_KEY_ID", roleKey(deployment.jobRole(job)))
          .containsKeys("SCENELIFT_RUN_ID", "SCENELIFT_MANIFEST", "AWS_BATCH_JOB_ID");
      if (a.index() >= 0) {
        assertThat(a.environment()).containsEntry("AWS_BATCH_JOB_ARRAY_INDEX", Integer.toString(a.index()));
        assertThat(a.environment().get("AWS_BATCH_JOB_ID")).endsWith(":" + a.index());
      } else {
        assertThat(a.environment()).doesNotContainKey("AWS_BATCH_JOB_ARRAY_INDEX");
      }
      assertThat(a.command()).last().isEqualTo(ImageEntrypoint.of(job).mainClass());
      assertThat(a.command()).contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");
    }
    for (JsonNode body : batch.submitted()) {
      assertThat(body.path("retryStrategy").path("attempts").asInt()).isEqualTo(3);
      assertThat(body.path("jobDefinition").asText())
          .as("the definitions of infra's outputs")
          .matches("arn:aws:batch:" + deployment.region() + ":" + deployment.account() + ":job-definition/"
              + deployment.namePrefix() + "-[a-z-]+:\\d+");
    }
  }

  @Test
  @Order(3)
  void listenStartsARunFromAnS3NotificationOnTheLandingQueue() throws Exception {
    SceneId landed = scenes.scenes().get(2);
    String raw = deployment.bucket("raw");
    StringBuilder records = new StringBuilder();
    try (Stream<Path> files = Files.list(scenes.dir())) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith(landed + "_")).sorted().toList()) {
        String key = deployment.variable("landing_prefix") + f.getFileName();
        s3.putObject(b -> b.bucket(raw).key(key), RequestBody.fromFile(f));
        // what S3 sends for each new object (S3Proxy has no notifications: the test sends S3's message itself)
        records.append(records.length() == 0 ? "" : ",")
            .append("{\"eventVersion\":\"2.1\",\"eventSource\":\"aws:s3\",\"awsRegion\":\"")
            .append(deployment.region())
            .append("\",\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"")
            .append(raw)
            .append("\"},\"object\":{\"key\":\"")
            .append(key)
            .append("\",\"size\":")
            .append(Files.size(f))
            .append("}}}");
      }
    }
    String body = "{\"Records\":[" + records + "]}";
    sqs.sendMessage(b -> b.queueUrl(deployment.queueUrl("landing")).messageBody(body));

    Result listened =
        submitRun("listen", "--queue", deployment.queueUrl("landing"), "--landing-prefix",
            deployment.variable("landing_prefix"), "--once", "--batch-seconds", "0");
    assertThat(listened.code()).as(listened.all()).isZero();
    String run = lastLine(listened.out());
    assertThat(run).as(listened.all()).startsWith("h03v03-");
    Result watched = submitRun("watch", run, "--poll", "0.5", "--max-poll", "2");
    assertThat(watched.code()).as(watched.all() + batchLogs()).isZero();
    assertThat(awsKeys("raw")).contains(TILE + "/" + landed + "/_scenelift/fetch-scene.done.json");
  }

  /**
   * Grants no call of the runs above used, and the path each is for. {@code ListBucket} on a bucket the role reads
   * makes a missing object's GET answer 404 (which the jobs and status read as "not there yet") instead of 403; the
   * runs' S3 server answers 404 either way, so no request of theirs is a ListBucket on those.
   */
  static final Map<String, Set<String>> GRANTED_FOR_PATHS_NOT_TAKEN =
      Map.of(
          "fetch_scene", Set.of(
              "WriteRaw s3:AbortMultipartUpload", // an upload that failed half way
              "ListRaw s3:ListBucket", "ListRuns s3:ListBucket", "ListSource s3:ListBucket"), // 404s
          "cloud_filter", Set.of(
              "WriteOpt s3:DeleteObject"), // a scene no longer cloud-free under a stricter rule
          "cog_convert", Set.of(
              "WriteCog s3:AbortMultipartUpload", // an upload that failed half way
              "ListTrees s3:ListBucketMultipartUploads", // stale uploads of a killed attempt
              "ListRuns s3:ListBucket"), // 404s
          "index_build", Set.of(
              "WriteIndexDocuments s3:AbortMultipartUpload", // an upload that failed half way
              "ClearOwnMarkers s3:DeleteObject", // an earlier failure record, on success
              "ListRuns s3:ListBucket"), // 404s
          "submitter", Set.of(
              "FollowSceneEvents sqs:ChangeMessageVisibility", // watch hands back another run's events
              "ListMarkerTrees s3:ListBucket", "ListRuns s3:ListBucket")); // 404s

  @Test
  @Order(4)
  void iamAllowsEveryCallTheJobsAndTheSubmitterMadeAndGrantsNothingTheyDoNotNeed() {
    IamPolicies iam = new IamPolicies(deployment);
    Map<String, String> documentOf = new java.util.LinkedHashMap<>();
    documentOf.put(SUBMITTER, "submitter");
    for (String job : List.of("fetch-scene", "cloud-filter", "cog-convert", "index-build")) {
      documentOf.put(roleKey(deployment.jobRole(job)), job.replace('-', '_'));
    }
    List<ServiceCalls.Call> recorded = recordedCalls();
    assertThat(recorded).as("the runs above ran").hasSizeGreaterThan(100);
    assertThat(recorded).as("every call is signed by the submitter or a job role")
        .allMatch(c -> documentOf.containsKey(c.caller()));
    List<String> denied = new ArrayList<>();
    Map<String, Set<String>> used = new java.util.HashMap<>();
    for (ServiceCalls.Call call : recorded) {
      String doc = documentOf.get(call.caller());
      List<IamPolicies.Statement> allowing = iam.document(doc).stream().filter(s -> s.allows(call)).toList();
      if (allowing.isEmpty()) {
        denied.add(doc + ": " + call.action() + " " + call.resource() + " " + call.conditions());
      }
      for (IamPolicies.Statement s : allowing) {
        used.computeIfAbsent(doc, d -> new TreeSet<>()).add(statement(s) + " " + call.action());
      }
    }
    assertThat(new TreeSet<>(denied)).as("calls iam.tf does not allow").isEmpty();
    Map<String, Set<String>> unused = new java.util.TreeMap<>();
    Map<String, Set<String>> expected = new java.util.TreeMap<>();
    for (String doc : documentOf.values()) {
      Set<String> granted = new TreeSet<>();
      for (IamPolicies.Statement s : iam.document(doc)) {
        s.actions().forEach(a -> granted.add(statement(s) + " " + a));
      }
      granted.removeAll(used.getOrDefault(doc, Set.of()));
      unused.put(doc, granted);
      expected.put(doc, new TreeSet<>(GRANTED_FOR_PATHS_NOT_TAKEN.get(doc)));
    }
    assertThat(unused).as("granted, never called, and not listed as needed on a path the runs do not take")
        .isEqualTo(expected);
  }

  private static String statement(IamPolicies.Statement s) {
    return s.where().substring(s.where().indexOf('/') + 1);
  }

  // ---- the processes ----------------------------------------------------------------------------------------------

  record Result(int code, String out, String err) {
    String all() {
      return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  private Result submitRun(String... args) throws Exception {
    return submitRun(
        Map.of(
            "AWS_ACCESS_KEY_ID", SUBMITTER,
            "AWS_SECRET_ACCESS_KEY", "submitter-secret",
            "SCENELIFT_CONFIG", config.toString(),
            "SCENELIFT_S3_ENDPOINT", s3Proxy.endpoint().toString(),
            "SCENELIFT_SQS_ENDPOINT", sqsProxy.endpoint().toString(),
            "SCENELIFT_BATCH_ENDPOINT", batch.endpoint().toString()),
        args);
  }

  /** {@code submit-run} as its launcher runs it (submit/target: the jar and lib/), with only {@code env} set. */
  private Result submitRun(Map<String, String> env, String... args) throws Exception {
    Path target = ProjectFiles.root().resolve("submit/target");
    Path jar;
    try (Stream<Path> files = Files.list(target)) {
      jar = files.filter(p -> p.getFileName().toString().matches("submit-run-.*\\.jar"))
          .filter(p -> !p.getFileName().toString().contains("-tests"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no submit-run jar in " + target + ": package it first"));
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Djava.library.path=" + System.getProperty("java.library.path"));
    command.add("-cp");
    command.add(jar + java.io.File.pathSeparator + target.resolve("lib") + "/*");
    command.add("dev.scenelift.submit.SubmitRun");
    command.addAll(List.of(args));
    Path out = Files.createTempFile(work, "out-", ".txt");
    Path err = Files.createTempFile(work, "err-", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().put("HOME", work.toString());
    builder.environment().putAll(env);
    Process p = builder.start();
    if (!p.waitFor(600, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("submit-run " + String.join(" ", args) + " did not end in 600 s");
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private static String lastLine(String text) {
    String[] lines = text.strip().split("\\R");
    return lines[lines.length - 1].strip();
  }

  private String batchLogs() throws IOException {
    StringBuilder all = new StringBuilder();
    for (LoopbackBatch.Attempt a : batch.attempts()) {
      if (a.exitCode() != 0) {
        all.append("\n== ").append(a.job()).append('[').append(a.index()).append("] attempt ").append(a.number())
            .append(" exit ").append(a.exitCode()).append('\n').append(Files.readString(a.log()));
      }
    }
    return all.toString();
  }

  // ---- data ---------------------------------------------------------------------------------------------------------

  /** The scenes' bundles, md5s and the tile's md5 list under the source prefix; {@code corrupt}'s QA bundle damaged. */
  private void uploadSource(List<SceneId> which, SceneId corrupt) throws IOException {
    Set<String> names = which.stream().map(SceneId::toString).collect(Collectors.toSet());
    try (Stream<Path> files = Files.list(scenes.dir())) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        boolean ofScene = names.stream().anyMatch(name::startsWith) && (name.endsWith(".tar") || name.endsWith(".md5"));
        if (!ofScene) {
          continue;
        }
        byte[] bytes = Files.readAllBytes(f);
        if (corrupt != null && name.equals(corrupt + "_QA.tar")) {
          bytes[bytes.length / 2] ^= 0x5a;
        }
        s3.putObject(b -> b.bucket(SOURCE_BUCKET).key(SOURCE_PREFIX + name), RequestBody.fromBytes(bytes));
      }
    }
    StringBuilder list = new StringBuilder();
    for (String line : Files.readAllLines(scenes.dir().resolve(TILE + ".md5_list"))) {
      if (names.stream().anyMatch(line::contains) || runScenes.stream().map(SceneId::toString).anyMatch(line::contains)) {
        list.append(line).append('\n');
      }
    }
    s3.putObject(
        b -> b.bucket(SOURCE_BUCKET).key(SOURCE_PREFIX + TILE + ".md5_list"),
        RequestBody.fromString(list.toString(), StandardCharsets.UTF_8));
  }

  /** A folder with only these scenes' files, as a file:// source for the embedded reference run. */
  private String scenesUri(List<SceneId> which) throws IOException {
    Path dir = Files.createDirectories(work.resolve("reference-source"));
    try (Stream<Path> files = Files.list(scenes.dir())) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (which.stream().map(SceneId::toString).anyMatch(name::startsWith) && !name.endsWith(".recipe")) {
          Files.copy(f, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    List<String> lines = Files.readAllLines(scenes.dir().resolve(TILE + ".md5_list")).stream()
        .filter(l -> which.stream().map(SceneId::toString).anyMatch(l::contains))
        .toList();
    Files.write(dir.resolve(TILE + ".md5_list"), lines);
    return dir.toUri().toString();
  }

  private Set<String> awsKeys(String tree) {
    return new TreeSet<>(S3TestSupport.keys(s3, deployment.bucket(tree), ""));
  }

  /** The embedded store's keys of a tree ({@code <data-dir>/store/scenelift/<tree>/...}), relative to the tree. */
  private static Set<String> embeddedKeys(Path dataDir, String tree) throws IOException {
    Path root = dataDir.resolve("store/scenelift").resolve(tree);
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  List<ServiceCalls.Call> recordedCalls() {
    return calls.all();
  }
}
