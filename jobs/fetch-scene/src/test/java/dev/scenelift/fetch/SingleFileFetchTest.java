package dev.scenelift.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scenelift.bundle.FileResult;
import dev.scenelift.bundle.SceneWrites;
import dev.scenelift.bundle.ServerSideCopier;
import dev.scenelift.job.ExitCodes;
import dev.scenelift.job.JobEnv;
import dev.scenelift.json.Json;
import dev.scenelift.manifest.CopyMode;
import dev.scenelift.manifest.FileChecksum;
import dev.scenelift.manifest.FileSource;
import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.marker.CompletionMarker;
import dev.scenelift.marker.FailureRecord;
import dev.scenelift.marker.MarkerStore;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Location;
import dev.scenelift.store.UploadTuning;
import dev.scenelift.testing.FaultProxy;
import dev.scenelift.testing.GeneratedBytes;
import dev.scenelift.testing.S3TestSupport;
import dev.scenelift.testing.TarBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Single files (Collection 2 COGs as USGS's requester-pays bucket serves them) fetched from an {@code s3:} source on the
 * in-process S3 store, through a recording proxy that shows what went on the wire.
 */
class SingleFileFetchTest {
  private static final String BUCKET = "scenelift";
  private static final String SOURCE = "usgs-landsat-ard";
  private static final KeyLayout LAYOUT = KeyLayout.inBucket(BUCKET);
  private static final SceneId SCENE = SceneId.parse("LC08_CU_003003_20210618_20210702_02");
  private static final String PREFIX = "collection02/oli-tirs/2021/CU/003/003/" + SCENE + "/";

  private static EmbeddedS3Store store;
  private static FaultProxy wire;
  private static S3Client s3;
  /** The head of every request that went through the wire, in order. */
  private static final List<String> heads = new java.util.concurrent.CopyOnWriteArrayList<>();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void startStore() throws Exception {
    store = EmbeddedS3Store.inMemory();
    wire = new FaultProxy(store.endpoint(), 0, 1);
    wire.setObserver((head, body) -> heads.add(head));
    s3 = S3ClientFactory.create(store.settings());
    s3.createBucket(b -> b.bucket(BUCKET));
    s3.createBucket(b -> b.bucket(SOURCE));
  }

  @AfterAll
  static void stopStore() throws Exception {
    s3.close();
    wire.close();
    store.close();
  }

  @BeforeEach
  void empty() {
    for (String bucket : List.of(BUCKET, SOURCE)) {
      for (String key : S3TestSupport.keys(s3, bucket, "")) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
      }
    }
    heads.clear();
    wire.allowAll();
  }

  /** Puts a source object and describes it as a STAC item would: size and SHA-512 multihash. */
  private static FileSource source(Bundle bundle, String suffix, byte[] bytes) throws Exception {
    String name = SCENE + suffix;
    s3.putObject(b -> b.bucket(SOURCE).key(PREFIX + name), RequestBody.fromBytes(bytes));
    String sha512 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
    return new FileSource(
        bundle, name, URI.create("s3://" + SOURCE + "/" + PREFIX + name), bytes.length,
        Optional.of(new FileChecksum("sha2-512", sha512)));
  }

  private List<FileSource> goodFiles() throws Exception {
    List<FileSource> files = new ArrayList<>();
    files.add(source(Bundle.QA, "_QA_PIXEL.TIF", TarBuilder.randomBytes(30_000, 1)));
    files.add(source(Bundle.SR, "_SR_B4.TIF", TarBuilder.randomBytes(70_000, 2)));
    files.add(source(Bundle.SR, ".xml", ("<LANDSAT_METADATA_FILE>" + SCENE + "</LANDSAT_METADATA_FILE>")
        .getBytes(StandardCharsets.UTF_8)));
    return files;
  }

  private Map<String, String> env(List<SceneEntry> scenes, CopyMode mode) {
    RunManifest manifest =
        new RunManifest(
            "h03v03-20261124t0600-abcd", SCENE.tile(), "stac:https://stac.example/", Instant.parse(
                "2026-11-24T06:00:00Z"), 10, LAYOUT, scenes, Map.of(CopyMode.OPTION, mode.toString()));
    S3Location location = new ManifestStore(s3).write(manifest);
    Map<String, String> env = JobEnv.forStore(store.settings());
    env.put(JobEnv.S3_ENDPOINT, wire.endpoint().toString());
    env.put(JobEnv.REQUEST_PAYER_SOURCE, "true");
    env.put(JobEnv.RUN_ID, manifest.runId());
    env.put(JobEnv.MANIFEST, location.toString());
    env.put(JobEnv.ARRAY_INDEX, "0");
    return env;
  }

  private int run(Map<String, String> env) {
    out.reset();
    err.reset();
    return new FetchSceneJob()
        .run(List.of(), env, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private List<String> headsFor(String keyPart) {
    return heads.stream().filter(h -> h.lines().findFirst().orElse("").contains(keyPart)).toList();
  }

  private static String header(String head, String name) {
    return head.lines()
        .filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith(name.toLowerCase(java.util.Locale.ROOT) + ":"))
        .map(l -> l.substring(l.indexOf(':') + 1).strip())
        .findFirst()
        .orElse(null);
  }

  @Test
  void streamsEachFileWithRequesterPaysAndRecordsWhatWasVerified() throws Exception {
    List<FileSource> files = goodFiles();

    int exit = run(env(List.of(SceneEntry.ofFiles(SCENE, files)), CopyMode.STREAM));

    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCodes.OK);
    assertThat(S3TestSupport.keys(s3, BUCKET, "raw/"))
        .contains(
            "raw/h03v03/" + SCENE + "/QA/" + SCENE + "_QA_PIXEL.TIF",
            "raw/h03v03/" + SCENE + "/SR/" + SCENE + "_SR_B4.TIF",
            "raw/h03v03/" + SCENE + "/" + SCENE + ".xml");
    List<String> gets = headsFor("/" + SOURCE + "/");
    assertThat(gets).hasSize(3).allSatisfy(h -> {
      assertThat(h).startsWith("GET ");
      assertThat(header(h, "x-amz-request-payer")).isEqualTo("requester");
    });
    CompletionMarker marker = new MarkerStore(s3, LAYOUT).marker(Stage.FETCH, SCENE).orElseThrow();
    JsonNode verified = Json.mapper().valueToTree(marker.details().get("verified"));
    JsonNode band = verified.get("raw/h03v03/" + SCENE + "/SR/" + SCENE + "_SR_B4.TIF");
    assertThat(band.get("size").asText()).startsWith("70000 bytes, as the catalog lists and the source announced");
    assertThat(band.get("file:checksum").asText()).isEqualTo("sha2-512 matches the catalog's file:checksum");
    assertThat(band.get("etag").asText()).matches("md5 [0-9a-f]{32} matches the object's ETag");
    assertThat(marker.checksums()).containsKey(SCENE + "_SR_B4.TIF.sha2-512");
    assertThat(marker.details().get("copyMode")).isEqualTo("stream");
    assertThat(marker.details().get("s3RequestPayer")).isEqualTo("requester");
  }

  /**
   * S3 refuses one asset (403 AccessDenied, as a requester-pays bucket answers a request without the payer header or
   * with the wrong credentials), after the scene's XML is already stored: the scene fails with one line
   * naming it, the file and the status, and leaves nothing in raw/ but its failure record.
   */
  @Test
  void accessDeniedOnAnS3AssetFailsTheSceneWithOneLineAndLeavesNothingInRaw() throws Exception {
    List<FileSource> files = goodFiles();
    wire.denyAccessTo("/" + SOURCE + "/" + PREFIX + SCENE + "_SR_B4.TIF");

    int exit = run(env(List.of(SceneEntry.ofFiles(SCENE, files)), CopyMode.STREAM));

    assertThat(exit).as("every scene ended, failed ones with their record").isEqualTo(ExitCodes.OK);
    assertThat(wire.denials()).as("the SDK does not retry a 403").isEqualTo(1);
    assertThat(headsFor("/" + BUCKET + "/raw/h03v03/" + SCENE + "/"))
        .as("a file before it was stored, then deleted")
        .anyMatch(h -> h.startsWith("PUT ") && !h.lines().findFirst().orElse("").contains("/_scenelift/"));
    assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
        .startsWith("fetch-scene: " + SCENE + ": SR/" + SCENE + "_SR_B4.TIF")
        .contains("HTTP 403 AccessDenied");
    FailureRecord failure = new MarkerStore(s3, LAYOUT).failure(Stage.FETCH, SCENE).orElseThrow();
    assertThat(failure.kind()).isEqualTo("source-unavailable");
    assertThat(failure.message()).contains("403 AccessDenied");
    assertThat(S3TestSupport.keys(s3, BUCKET, "raw/"))
        .containsExactly("raw/h03v03/" + SCENE + "/_scenelift/fetch-scene.failed.json");
    assertThat(S3TestSupport.incompleteUploads(s3, BUCKET)).isZero();
  }

  /** A source object over the single-PUT limit (40 MiB), made as it is read: it goes up as a multipart upload. */
  private static FileSource largeSource(GeneratedBytes bytes, Optional<FileChecksum> listed) {
    String name = SCENE + "_SR_B5.TIF";
    s3.putObject(b -> b.bucket(SOURCE).key(PREFIX + name),
        RequestBody.fromContentProvider(bytes::open, bytes.length(), "image/tiff"));
    return new FileSource(Bundle.SR, name, URI.create("s3://" + SOURCE + "/" + PREFIX + name), bytes.length(), listed);
  }

  private static final GeneratedBytes OVER_THE_SINGLE_PUT_LIMIT =
      new GeneratedBytes(UploadTuning.defaults().singlePutLimit() + 1024 * 1024 + 5, 11);

  /**
   * A checksum mismatch in a file large enough for a multipart upload: the mismatch is found as its last byte is read,
   * before the upload is completed, so the upload is aborted (never completed), nothing is stored at the final key, no
   * upload is left open, and the scene fails with one line and its failure record.
   */
  @Test
  void checksumMismatchInAMultipartFileAbortsTheUploadBeforeItCompletes() throws Exception {
    List<FileSource> files = new ArrayList<>(goodFiles());
    files.add(largeSource(OVER_THE_SINGLE_PUT_LIMIT, Optional.of(new FileChecksum("sha2-512", "cd".repeat(64)))));
    String target = "/" + BUCKET + "/raw/h03v03/" + SCENE + "/SR/" + SCENE + "_SR_B5.TIF";

    int exit = run(env(List.of(SceneEntry.ofFiles(SCENE, files)), CopyMode.STREAM));

    assertThat(exit).as("every scene ended, failed ones with their record").isEqualTo(ExitCodes.OK);
    List<String> upload = headsFor(target).stream().map(h -> h.lines().findFirst().orElse("")).toList();
    assertThat(upload).as("multipart: created, parts sent").anyMatch(l -> l.startsWith("POST ") && l.contains("?uploads"))
        .anyMatch(l -> l.startsWith("PUT ") && l.contains("partNumber="));
    assertThat(upload).as("aborted").anyMatch(l -> l.startsWith("DELETE ") && l.contains("uploadId="));
    assertThat(upload).as("never completed").noneMatch(l -> l.startsWith("POST ") && l.contains("uploadId="));
    assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
        .startsWith("fetch-scene: " + SCENE + ": SR/" + SCENE + "_SR_B5.TIF from s3://")
        .contains("does not match the catalog's file:checksum " + "cd".repeat(64));
    assertThat(new MarkerStore(s3, LAYOUT).failure(Stage.FETCH, SCENE).orElseThrow().kind())
        .isEqualTo("checksum-mismatch");
    assertThat(S3TestSupport.keys(s3, BUCKET, "raw/"))
        .containsExactly("raw/h03v03/" + SCENE + "/_scenelift/fetch-scene.failed.json");
    assertThat(s3.listMultipartUploads(b -> b.bucket(BUCKET)).uploads()).as("ListMultipartUploads").isEmpty();
  }

  @Test
  void aMultipartFileWhoseChecksumMatchesIsStoredWhole() throws Exception {
    List<FileSource> files = new ArrayList<>(goodFiles());
    files.add(largeSource(OVER_THE_SINGLE_PUT_LIMIT,
        Optional.of(new FileChecksum("sha2-512", OVER_THE_SINGLE_PUT_LIMIT.sha512()))));

    int exit = run(env(List.of(SceneEntry.ofFiles(SCENE, files)), CopyMode.STREAM));

    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCodes.OK);
    assertThat(new MarkerStore(s3, LAYOUT).isDone(Stage.FETCH, SCENE)).isTrue();
    String key = "raw/h03v03/" + SCENE + "/SR/" + SCENE + "_SR_B5.TIF";
    assertThat(s3.headObject(b -> b.bucket(BUCKET).key(key)).contentLength())
        .isEqualTo(OVER_THE_SINGLE_PUT_LIMIT.length());
    JsonNode verified = Json.mapper().valueToTree(
        new MarkerStore(s3, LAYOUT).marker(Stage.FETCH, SCENE).orElseThrow().details().get("verified")).get(key);
    assertThat(verified.get("file:checksum").asText()).isEqualTo("sha2-512 matches the catalog's file:checksum");
    assertThat(headsFor("/" + BUCKET + "/" + key)).anyMatch(h -> h.startsWith("PUT ") && h.contains("partNumber="));
  }

  @Test
  void checksumMismatchFailsTheSceneAndLeavesNothingWritten() throws Exception {
    List<FileSource> files = new ArrayList<>(goodFiles());
    FileSource band = files.get(1);
    files.set(1, new FileSource(band.bundle(), band.name(), band.uri(), band.size(),
        Optional.of(new FileChecksum("sha2-512", "ab".repeat(64)))));

    int exit = run(env(List.of(SceneEntry.ofFiles(SCENE, files)), CopyMode.STREAM));

    assertThat(exit).as("every scene ended, failed ones with their record").isEqualTo(ExitCodes.OK);
    assertThat(err.toString(StandardCharsets.UTF_8).lines())
        .singleElement()
        .asString()
        .startsWith("fetch-scene: " + SCENE + ": SR/" + SCENE + "_SR_B4.TIF from s3://")
        .contains("does not match the catalog's file:checksum");
    FailureRecord failure = new MarkerStore(s3, LAYOUT).failure(Stage.FETCH, SCENE).orElseThrow();
    assertThat(failure.kind()).isEqualTo("checksum-mismatch");
    assertThat(S3TestSupport.keys(s3, BUCKET, "raw/"))
        .doesNotContain("raw/h03v03/" + SCENE + "/SR/" + SCENE + "_SR_B4.TIF")
        .containsExactly("raw/h03v03/" + SCENE + "/_scenelift/fetch-scene.failed.json");
    assertThat(S3TestSupport.incompleteUploads(s3, BUCKET)).isZero();
    assertThat(new MarkerStore(s3, LAYOUT).isDone(Stage.FETCH, SCENE)).isFalse();
  }

  @Test
  void sizeTheCatalogListsMustBeTheObjectsSize() throws Exception {
    List<FileSource> files = new ArrayList<>(goodFiles());
    FileSource qa = files.get(0);
    files.set(0, new FileSource(qa.bundle(), qa.name(), qa.uri(), qa.size() + 1, qa.checksum()));

    int exit = run(env(List.of(SceneEntry.ofFiles(SCENE, files)), CopyMode.STREAM));

    assertThat(exit).as("every scene ended, failed ones with their record").isEqualTo(ExitCodes.OK);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("the source announces 30000 bytes, the catalog lists 30001");
    assertThat(new MarkerStore(s3, LAYOUT).failure(Stage.FETCH, SCENE).orElseThrow().kind()).isEqualTo("size-mismatch");
    assertThat(S3TestSupport.keys(s3, BUCKET, "raw/"))
        .containsExactly("raw/h03v03/" + SCENE + "/_scenelift/fetch-scene.failed.json");
    assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
        .startsWith("fetch-scene: " + SCENE + ": QA/" + SCENE + "_QA_PIXEL.TIF from s3://");
  }

  @Test
  void missingAssetIsOneLineNamingTheFileAndTheStatus() throws Exception {
    List<FileSource> files = new ArrayList<>(goodFiles());
    files.add(new FileSource(Bundle.SR, SCENE + "_SR_B5.TIF", URI.create("s3://" + SOURCE + "/" + PREFIX + SCENE
        + "_SR_B5.TIF"), 10, Optional.empty()));

    int exit = run(env(List.of(SceneEntry.ofFiles(SCENE, files)), CopyMode.STREAM));

    assertThat(exit).as("every scene ended, failed ones with their record").isEqualTo(ExitCodes.OK);
    assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement().asString()
        .contains("SR/" + SCENE + "_SR_B5.TIF").contains("HTTP 404");
    assertThat(new MarkerStore(s3, LAYOUT).failure(Stage.FETCH, SCENE).orElseThrow().kind())
        .isEqualTo("source-unavailable");
    assertThat(S3TestSupport.keys(s3, BUCKET, "raw/")).allMatch(k -> k.contains("/_scenelift/"));
  }

  @Test
  void sceneTheSourceDescribedUnusablyFailsWithItsProblemAndFetchesNothing() {
    int exit = run(env(List.of(SceneEntry.unusable(SCENE, "STAC item " + SCENE + "_SR: asset 'red' has no href")),
        CopyMode.STREAM));

    assertThat(exit).as("every scene ended, failed ones with their record").isEqualTo(ExitCodes.OK);
    assertThat(err.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo("fetch-scene: " + SCENE + ": STAC item " + SCENE + "_SR: asset 'red' has no href");
    assertThat(new MarkerStore(s3, LAYOUT).failure(Stage.FETCH, SCENE).orElseThrow().kind())
        .isEqualTo("source-malformed");
    assertThat(headsFor("/" + SOURCE + "/")).isEmpty();
  }

  @Test
  void serverSideCopyModeCopiesInsideS3WithRequesterPaysAndReadsNoSourceBytes() throws Exception {
    List<FileSource> files = goodFiles();

    int exit = run(env(List.of(SceneEntry.ofFiles(SCENE, files)), CopyMode.SERVER_SIDE));

    assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCodes.OK);
    assertThat(headsFor("/" + SOURCE + "/")).hasSize(3).allSatisfy(h -> {
      assertThat(h).startsWith("HEAD ");
      assertThat(header(h, "x-amz-request-payer")).isEqualTo("requester");
    });
    List<String> copies = heads.stream().filter(h -> header(h, "x-amz-copy-source") != null).toList();
    assertThat(copies).hasSize(3).allSatisfy(h -> {
      assertThat(h).startsWith("PUT /" + BUCKET + "/raw/h03v03/" + SCENE + "/");
      assertThat(header(h, "x-amz-copy-source")).startsWith(SOURCE + "/" + PREFIX);
      assertThat(header(h, "x-amz-request-payer")).isEqualTo("requester");
    });
    byte[] copied = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("raw/h03v03/" + SCENE + "/SR/" + SCENE
        + "_SR_B4.TIF")).asByteArray();
    assertThat(copied).isEqualTo(TarBuilder.randomBytes(70_000, 2));
    CompletionMarker marker = new MarkerStore(s3, LAYOUT).marker(Stage.FETCH, SCENE).orElseThrow();
    JsonNode band = Json.mapper().valueToTree(marker.details().get("verified"))
        .get("raw/h03v03/" + SCENE + "/SR/" + SCENE + "_SR_B4.TIF");
    assertThat(band.get("etag").asText()).startsWith("the copy's ETag equals the source's md5 ETag");
    assertThat(band.get("file:checksum").asText()).isEqualTo(
        "not verified: a server-side copy reads no bytes (the catalog lists sha2-512)");
    assertThat(((Number) marker.details().get("serverSideCopiedBytes")).longValue())
        .isEqualTo(30_000 + 70_000 + files.get(2).size());
  }

  @Test
  void objectsOverTheSingleCopyLimitAreCopiedInPartsEachPartAsRequester() throws Exception {
    byte[] big = TarBuilder.randomBytes(11 * 1024 * 1024 + 17, 9);
    FileSource file = source(Bundle.SR, "_SR_B7.TIF", big);
    SceneWrites writes = new SceneWrites();
    FileResult result;
    try (S3Client viaWire = S3ClientFactory.create(store.settings().withEndpoint(wire.endpoint()))) {
      ServerSideCopier copier = new ServerSideCopier(viaWire, LAYOUT, true, 5 * 1024 * 1024, 5 * 1024 * 1024);
      result = copier.copy(SCENE, file, writes);
    }

    assertThat(writes.awaitAll()).singleElement().satisfies(o -> assertThat(o.size()).isEqualTo(big.length));
    assertThat(result.verified().get("etag")).isEqualTo("not verified: a multipart copy gets a new ETag");
    assertThat(s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(result.key())).asByteArray()).isEqualTo(big);
    assertThat(S3TestSupport.incompleteUploads(s3, BUCKET)).isZero();
    List<String> parts = heads.stream()
        .filter(h -> header(h, "x-amz-copy-source") != null && h.lines().findFirst().orElse("").contains("partNumber="))
        .toList();
    assertThat(parts).as("UploadPartCopy of 5, 5 and 1 MiB").hasSize(3).allSatisfy(h -> {
      assertThat(header(h, "x-amz-copy-source-range")).startsWith("bytes=");
      assertThat(header(h, "x-amz-request-payer")).isEqualTo("requester");
    });
    assertThat(headsFor("/" + BUCKET + "/" + result.key()))
        .as("create, parts and complete of the multipart copy all as requester")
        .hasSize(5)
        .allSatisfy(h -> assertThat(header(h, "x-amz-request-payer")).isEqualTo("requester"));
  }
}
