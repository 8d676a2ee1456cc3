package dev.scenelift.cog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenelift.gdal.GdalDataset;
import dev.scenelift.gdal.GdalS3;
import dev.scenelift.job.JobEnv;
import dev.scenelift.json.Json;
import dev.scenelift.manifest.BundleSource;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import dev.scenelift.scene.Tile;
import dev.scenelift.marker.CompletionMarker;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.marker.MarkerStore;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Location;
import dev.scenelift.store.StoredObject;
import dev.scenelift.testing.GdalCogScript;
import dev.scenelift.testing.S3TestSupport;
import dev.scenelift.collection.Membership;
import dev.scenelift.collection.TileCollection;
import dev.scenelift.verdict.CloudVerdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class CogConvertJobTest {
  private static final String BUCKET = "scenelift";
  private static EmbeddedS3Store store;
  private static S3Client s3;

  private final KeyLayout layout = KeyLayout.inBucket(BUCKET);
  @TempDir Path inputs;
  @TempDir Path temp;
  private String runId;
  private int runs;

  @BeforeAll
  static void start() throws Exception {
    store = EmbeddedS3Store.inMemory();
    s3 = S3ClientFactory.create(store.settings());
    s3.createBucket(b -> b.bucket(BUCKET));
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
    store.close();
  }

  @BeforeEach
  void emptyBucket() {
    for (String key : S3TestSupport.keys(s3, BUCKET, "")) {
      s3.deleteObject(b -> b.bucket(BUCKET).key(key));
    }
  }

  /** Result of one job run. */
  record Run(int exit, String out, String err) {}

  private Run run(List<SceneId> scenes, Map<String, String> options, String... args) {
    runId = "h03v03-20261124t0600-t" + (++runs);
    List<SceneEntry> entries = new ArrayList<>();
    for (SceneId id : scenes) {
      entries.add(
          new SceneEntry(
              id,
              List.of(new BundleSource(Bundle.SR, URI.create("file:///data/" + id + "_SR.tar"), Optional.empty(), -1))));
    }
    RunManifest manifest =
        new RunManifest(runId, Tile.parse("h03v03"), "file:///data", Instant.now(), 10, layout, entries, options);
    S3Location at = new ManifestStore(s3).write(manifest);
    Map<String, String> env = JobEnv.forStore(store.settings());
    env.put(JobEnv.RUN_ID, runId);
    env.put(JobEnv.MANIFEST, at.toString());
    env.put(JobEnv.WORKERS, "2");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> argv = new ArrayList<>(List.of("--temp-dir", temp.toString()));
    argv.addAll(Arrays.asList(args));
    int exit =
        new CogConvertJob()
            .run(argv, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private void put(S3Location loc, Path file) {
    s3.putObject(b -> b.bucket(loc.bucket()).key(loc.key()), RequestBody.fromFile(file));
  }

  private void putBytes(S3Location loc, byte[] bytes) {
    s3.putObject(b -> b.bucket(loc.bucket()).key(loc.key()), RequestBody.fromBytes(bytes));
  }

  /**
   * A fetched scene: XML, a verdict (unless null) that puts it in the cloud-free and research sets or in neither, two SR
   * bands and a PIXELQA band.
   */
  private SceneId stage(String id, Boolean cloudFree) {
    SceneId scene = SceneId.parse(id);
    putBytes(layout.metadataXml(layout.raw(), scene), ("<ard_metadata id='" + id + "'/>").getBytes(StandardCharsets.UTF_8));
    if (cloudFree != null) {
      verdict(scene, cloudFree, cloudFree);
    }
    for (String band : List.of("SRB4", "SRB5")) {
      String file = id + "_" + band + ".tif";
      put(layout.rawObject(scene, Bundle.SR, file), TestRasters.reflectance(inputs.resolve(file), 700, 600));
    }
    String qa = id + "_PIXELQA.tif";
    put(layout.rawObject(scene, Bundle.QA, qa), TestRasters.pixelQa(inputs.resolve(qa), 700, 600));
    return scene;
  }

  private void verdict(SceneId scene, boolean cloudFree, boolean research) {
    Map<TileCollection, Membership> m = new java.util.EnumMap<>(TileCollection.class);
    m.put(TileCollection.FULL, new Membership(true, "every scene"));
    m.put(TileCollection.CLOUD_FREE, new Membership(cloudFree, cloudFree ? "clear" : "cloud 23.40% > 10%"));
    m.put(TileCollection.COG_RESEARCH, new Membership(research, research ? "clear" : "fill 22.00% > 5%"));
    putBytes(
        layout.cloudVerdict(scene),
        Json.writeBytes(
            CloudVerdict.of(scene, m, Map.of("cloud", 1.0), Map.of(), Map.of("cog-max-fill", "5"), "run-0",
                Instant.now())));
  }

  private List<String> cogKeys(SceneId scene) {
    return S3TestSupport.keys(s3, BUCKET, layout.sceneDir(layout.cog(), scene).key());
  }

  private byte[] bytes(String key) {
    return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
  }

  private Path download(String key) throws Exception {
    Path f = inputs.resolve("dl-" + key.replace('/', '_'));
    Files.write(f, bytes(key));
    return f;
  }

  private static long crc32c(byte[] body) {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(body);
    return crc.getValue();
  }

  private void assertNoTempFilesLeft() throws Exception {
    try (Stream<Path> left = Files.list(temp)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void convertsCloudFreeSceneIntoValidCogsAndWritesMarkerLast() throws Exception {
    SceneId scene = stage("LC08_CU_003003_20130414_20170713_C01_V01", true);

    Run r = run(List.of(scene), Map.of());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains(scene + ": converted 3 bands (0 copied");
    String dir = layout.sceneDir(layout.cog(), scene).key();
    assertThat(cogKeys(scene))
        .containsExactlyInAnyOrder(
            dir + "QA/" + scene + "_PIXELQA.tif",
            dir + "SR/" + scene + "_SRB4.tif",
            dir + "SR/" + scene + "_SRB5.tif",
            dir + scene + ".xml",
            dir + "_scenelift/cog-convert.done.json");
    Path sr = download(dir + "SR/" + scene + "_SRB4.tif");
    assertThat(TestRasters.pixels(sr, -1))
        .isEqualTo(TestRasters.pixels(inputs.resolve(scene + "_SRB4.tif"), -1));
    try (S3ByteSource remote = S3ByteSource.open(s3, new S3Location(BUCKET, dir + "QA/" + scene + "_PIXELQA.tif"))) {
      assertThat(new CogValidator(true).validate(remote).errors()).isEmpty();
    }
    CompletionMarker marker = new MarkerStore(s3, layout).marker(Stage.COG, scene).orElseThrow();
    assertThat(marker.objects()).hasSize(4);
    for (StoredObject o : marker.objects()) {
      byte[] body = bytes(o.key());
      assertThat(o.size()).isEqualTo(body.length);
      assertThat(o.checksum())
          .isEqualTo(o.key().endsWith(".xml")
              ? "md5:" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body))
              : "crc32c:" + HexFormat.of().toHexDigits((int) crc32c(body)));
    }
    assertThat(marker.details()).containsEntry("profile", "deflate").containsEntry("bands", 3);
    assertNoTempFilesLeft();
  }

  @Test
  void everyCogTheJobWritesPassesGdalsOwnValidatorInEveryProfile() throws Exception {
    GdalCogScript gdalScript = new GdalCogScript();
    SceneId scene = stage("LC08_CU_003003_20130414_20170713_C01_V01", true);
    String dir = layout.sceneDir(layout.cog(), scene).key();
    for (CogProfile profile : CogProfile.KNOWN) {
      Run r = run(List.of(scene), Map.of(), "--force", "--profile", profile.name());
      assertThat(r.exit()).as(r.err()).isZero();
      List<String> tifs = cogKeys(scene).stream().filter(k -> k.endsWith(".tif")).toList();
      assertThat(tifs).hasSize(3);
      for (String key : tifs) {
        Path cog = download(key);
        GdalCogScript.Verdict v = gdalScript.validate(cog);
        assertThat(v.valid()).as(profile.name() + " " + key.substring(dir.length()) + ": " + v.output()).isTrue();
        Files.delete(cog);
      }
    }
    assertNoTempFilesLeft();
  }

  @Test
  void skipsSceneWhoseCogAlreadyExistsAndRedoesItWithForce() throws Exception {
    SceneId scene = stage("LC08_CU_003003_20130414_20170713_C01_V01", true);
    assertThat(run(List.of(scene), Map.of()).exit()).isZero();
    CompletionMarker first = new MarkerStore(s3, layout).marker(Stage.COG, scene).orElseThrow();

    Run again = run(List.of(scene), Map.of());
    assertThat(again.exit()).isZero();
    assertThat(again.out()).contains("skipped (already converted)").contains("0 converted, 1 skipped");
    assertThat(new MarkerStore(s3, layout).marker(Stage.COG, scene).orElseThrow().runId()).isEqualTo(first.runId());

    Run forced = run(List.of(scene), Map.of(), "--force");
    assertThat(forced.out()).contains("1 converted");
    assertThat(new MarkerStore(s3, layout).marker(Stage.COG, scene).orElseThrow().runId()).isEqualTo(runId);
  }

  @Test
  void sceneAnEarlierStageFailedIsSkippedNamingThatStageWithoutARecordOfItsOwn() {
    SceneId clear = stage("LC08_CU_003003_20130414_20170713_C01_V01", true);
    SceneId unfetched = SceneId.parse("LC08_CU_003003_20130601_20170713_C01_V01");
    new MarkerStore(s3, layout).markFailed(
        new dev.scenelift.marker.FailureRecord(unfetched, Stage.FETCH, "earlier-run", "unsafe-entry", "tar-slip", 1,
            java.time.Instant.now()));

    Run r = run(List.of(unfetched, clear), Map.of());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains(unfetched + ": skipped (fetch-scene failed: unsafe-entry)");
    assertThat(r.err()).doesNotContain(unfetched.toString());
    assertThat(new MarkerStore(s3, layout).failure(Stage.COG, unfetched)).isEmpty();
    assertThat(new MarkerStore(s3, layout).isDone(Stage.COG, clear)).isTrue();
  }

  @Test
  void convertsOnlyTheResearchSetByDefaultAndSceneWithoutVerdictIsNotReady() {
    SceneId clear = stage("LC08_CU_003003_20130414_20170713_C01_V01", true);
    SceneId cloudy = stage("LC08_CU_003003_20130430_20170713_C01_V01", false);
    SceneId unjudged = stage("LC08_CU_003003_20130516_20170713_C01_V01", null);

    Run r = run(List.of(clear, cloudy, unjudged), Map.of());

    assertThat(r.exit()).as("failed scenes have records: the child exits 0").isZero();
    assertThat(r.out()).contains(cloudy + ": skipped (not in the COG research set: fill 22.00% > 5%)");
    assertThat(r.err().lines().toList())
        .singleElement()
        .asString()
        .contains("cog-convert: " + unjudged + ": not ready: no cloud verdict");
    assertThat(cogKeys(cloudy)).isEmpty();
    assertThat(new MarkerStore(s3, layout).failure(Stage.COG, unjudged)).get().extracting(f -> f.kind()).isEqualTo("not-ready");
    assertThat(new MarkerStore(s3, layout).isDone(Stage.COG, clear)).isTrue();

    Run all = run(List.of(cloudy, unjudged), Map.of(), "--cog", "all");
    assertThat(all.exit()).as(all.err()).isZero();
    assertThat(new MarkerStore(s3, layout).isDone(Stage.COG, unjudged)).isTrue();
    assertThat(new MarkerStore(s3, layout).failure(Stage.COG, unjudged)).isEmpty();
  }

  @Test
  void cloudFreeSelectionTakesTheCloudFreeSetAndASceneLeavingTheSetLosesItsCogs() {
    SceneId scene = stage("LC08_CU_003003_20130414_20170713_C01_V01", false);
    verdict(scene, true, false); // cloud-free, but too much fill for the research set

    Run cloudFree = run(List.of(scene), Map.of("cog", "cloud-free"));
    assertThat(cloudFree.exit()).as(cloudFree.err()).isZero();
    assertThat(new MarkerStore(s3, layout).isDone(Stage.COG, scene)).isTrue();
    assertThat(cogKeys(scene)).isNotEmpty();

    Run research = run(List.of(scene), Map.of());
    assertThat(research.exit()).as(research.err()).isZero();
    assertThat(research.out())
        .containsPattern(scene + ": removed \\d+ objects of its COGs \\(not in the COG research set: fill 22.00% > 5%\\)");
    assertThat(cogKeys(scene)).isEmpty();
    assertThat(new MarkerStore(s3, layout).isDone(Stage.COG, scene)).isFalse();

    Run again = run(List.of(scene), Map.of());
    assertThat(again.out()).contains(scene + ": skipped (not in the COG research set: fill 22.00% > 5%)");
  }

  @Test
  void copiesCollection2BandThatIsAlreadyACogUnlessRecompressing() throws Exception {
    SceneId scene = SceneId.parse("LC09_CU_003003_20210618_20210702_02");
    putBytes(layout.metadataXml(layout.raw(), scene), "<ard/>".getBytes(StandardCharsets.UTF_8));
    String file = scene + "_SR_B4.TIF";
    Path c2 =
        TestRasters.gdalCog(
            TestRasters.reflectance(inputs.resolve("src.tif"), 700, 600), inputs.resolve(file),
            "BLOCKSIZE=256", "COMPRESS=DEFLATE");
    put(layout.rawObject(scene, Bundle.SR, file), c2);
    String out = layout.cogObject(scene, Bundle.SR, scene + "_SR_B4.tif").key();

    Run r = run(List.of(scene), Map.of("cog", "all"));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("converted 1 bands (1 copied");
    assertThat(bytes(out)).isEqualTo(Files.readAllBytes(c2));

    Run re = run(List.of(scene), Map.of("cog", "all"), "--force", "--recompress");
    assertThat(re.out()).contains("(0 copied");
    Path recompressed = download(out);
    try (LocalByteSource s = new LocalByteSource(recompressed)) {
      assertThat(TiffStructure.read(s).images().get(0).blockWidth()).isEqualTo(512);
    }
    assertThat(TestRasters.pixels(recompressed, -1)).isEqualTo(TestRasters.pixels(c2, -1));
  }

  /**
   * A C2 scene as USGS ships it, but for one band that is not cloud-optimized (a plain striped GeoTIFF named
   * {@code .TIF}): the two GDAL-made COGs are copied byte for byte (the store's copy, no GDAL translate: their 256-pixel
   * blocks survive), the other is re-encoded into a valid COG with the same pixels.
   */
  @Test
  void copiesCollection2CogsUnchangedAndReencodesOnlyTheBandThatIsNotACog() throws Exception {
    SceneId scene = SceneId.parse("LC08_CU_003003_20210618_20210702_02");
    putBytes(layout.metadataXml(layout.raw(), scene), "<ard/>".getBytes(StandardCharsets.UTF_8));
    verdict(scene, true, true);
    Path b4 = TestRasters.gdalCog(TestRasters.reflectance(inputs.resolve("b4-src.tif"), 700, 600),
        inputs.resolve(scene + "_SR_B4.TIF"), "BLOCKSIZE=256", "COMPRESS=DEFLATE", "PREDICTOR=2");
    Path qa = TestRasters.gdalCog(TestRasters.pixelQa(inputs.resolve("qa-src.tif"), 700, 600),
        inputs.resolve(scene + "_QA_PIXEL.TIF"), "BLOCKSIZE=256", "COMPRESS=DEFLATE", "RESAMPLING=NEAREST");
    Path b5 = TestRasters.reflectance(inputs.resolve(scene + "_SR_B5.TIF"), 700, 600);
    try (LocalByteSource s = new LocalByteSource(b5)) {
      assertThat(new CogValidator(true).validate(s).errors()).as("the striped band is not a COG").isNotEmpty();
    }
    put(layout.rawObject(scene, Bundle.SR, b4.getFileName().toString()), b4);
    put(layout.rawObject(scene, Bundle.SR, b5.getFileName().toString()), b5);
    put(layout.rawObject(scene, Bundle.QA, qa.getFileName().toString()), qa);
    String dir = layout.sceneDir(layout.cog(), scene).key();

    Run r = run(List.of(scene), Map.of());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains(scene + ": converted 3 bands (2 copied as already valid COGs)");
    assertThat(bytes(dir + "SR/" + scene + "_SR_B4.tif")).isEqualTo(Files.readAllBytes(b4));
    assertThat(bytes(dir + "QA/" + scene + "_QA_PIXEL.tif")).isEqualTo(Files.readAllBytes(qa));
    Path reencoded = download(dir + "SR/" + scene + "_SR_B5.tif");
    try (LocalByteSource s = new LocalByteSource(reencoded)) {
      assertThat(new CogValidator(true).validate(s).errors()).isEmpty();
      assertThat(TiffStructure.read(s).images().get(0).blockWidth()).isEqualTo(CogConverter.BLOCK_SIZE);
    }
    assertThat(TestRasters.pixels(reencoded, -1)).isEqualTo(TestRasters.pixels(b5, -1));
    CompletionMarker marker = new MarkerStore(s3, layout).marker(Stage.COG, scene).orElseThrow();
    assertThat(marker.details()).containsEntry("bands", 3).containsEntry("copied", 2);
    assertNoTempFilesLeft();
  }

  @Test
  void truncatedInputFailsTheSceneWithAClearMessageAndLeavesNothingBehind() throws Exception {
    SceneId bad = stage("LC08_CU_003003_20130414_20170713_C01_V01", true);
    SceneId good = stage("LC08_CU_003003_20130430_20170713_C01_V01", true);
    // a striped band whose IFD comes first, cut in half: the header reads, the strips do not
    Path whole = TestRasters.write(
        inputs.resolve("whole.tif"), 700, 600, org.gdal.gdalconst.gdalconstConstants.GDT_Int16,
        (x, y) -> (x * 31 + y * 17) % 5000, -9999.0, "COMPRESS=DEFLATE");
    Path cog = TestRasters.gdalCog(whole, inputs.resolve("ifdfirst.tif"), "COMPRESS=DEFLATE");
    byte[] all = Files.readAllBytes(cog);
    putBytes(layout.rawObject(bad, Bundle.SR, bad + "_SRB5.tif"), Arrays.copyOf(all, all.length / 2));

    // a striped GeoTIFF as USGS ships them, cut short
    SceneId striped = stage("LC08_CU_003003_20130516_20170713_C01_V01", true);
    byte[] strips = Files.readAllBytes(whole);
    putBytes(layout.rawObject(striped, Bundle.SR, striped + "_SRB4.tif"), Arrays.copyOf(strips, strips.length - 5000));

    Run r = run(List.of(bad, good, striped), Map.of(), "--recompress");

    assertThat(r.exit()).as("failed scenes have records: the child exits 0").isZero();
    List<String> errors = r.err().lines().toList();
    assertThat(errors).hasSize(2);
    assertThat(errors.get(0)).startsWith("cog-convert: " + bad + ": SR/" + bad + "_SRB5.tif is truncated");
    assertThat(errors.get(1))
        .startsWith("cog-convert: " + striped + ": SR/" + striped + "_SRB4.tif ")
        .containsPattern("truncated");
    assertThat(cogKeys(striped)).containsExactly(layout.failure(Stage.COG, striped).key());
    assertThat(cogKeys(bad)).containsExactly(layout.failure(Stage.COG, bad).key());
    assertThat(new MarkerStore(s3, layout).failure(Stage.COG, bad)).get().extracting(f -> f.kind()).isEqualTo("input-corrupt");
    assertThat(new MarkerStore(s3, layout).isDone(Stage.COG, good)).isTrue();
    assertNoTempFilesLeft();
  }

  @Test
  void htmlErrorPageSavedAsTifFailsTheScene() throws Exception {
    SceneId scene = stage("LC08_CU_003003_20130414_20170713_C01_V01", true);
    putBytes(
        layout.rawObject(scene, Bundle.QA, scene + "_RADSATQA.tif"),
        "<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head></html>".getBytes(StandardCharsets.UTF_8));

    Run r = run(List.of(scene), Map.of());

    assertThat(r.exit()).as("failed scenes have records: the child exits 0").isZero();
    assertThat(r.err().strip())
        .startsWith("cog-convert: " + scene + ": QA/" + scene + "_RADSATQA.tif is not a readable GeoTIFF")
        .contains("HTML");
    assertThat(cogKeys(scene)).containsExactly(layout.failure(Stage.COG, scene).key());
    assertNoTempFilesLeft();
  }

  @Test
  void bundlesAndProfileComeFromTheManifestUnlessGiven() throws Exception {
    SceneId scene = stage("LC08_CU_003003_20130414_20170713_C01_V01", true);

    Run r = run(List.of(scene), Map.of("bundles", "QA", "profile", "zstd", "level", "3"));

    assertThat(r.exit()).as(r.err()).isZero();
    String dir = layout.sceneDir(layout.cog(), scene).key();
    assertThat(cogKeys(scene)).filteredOn(k -> k.endsWith(".tif")).containsExactly(dir + "QA/" + scene + "_PIXELQA.tif");
    try (LocalByteSource s = new LocalByteSource(download(dir + "QA/" + scene + "_PIXELQA.tif"))) {
      assertThat(TiffStructure.read(s).images().get(0).compression()).isEqualTo(50000);
    }
    assertThat(new MarkerStore(s3, layout).marker(Stage.COG, scene).orElseThrow().details())
        .containsEntry("profile", "zstd").containsEntry("level", 3);

    Run missing = run(List.of(scene), Map.of(), "--bundles", "TA", "--force");
    assertThat(missing.exit()).isZero();
    assertThat(missing.err()).contains("bundle TA has no GeoTIFFs");
  }

  @Test
  void badOptionsAreUsageErrorsAndHelpListsExitCodes() {
    SceneId scene = stage("LC08_CU_003003_20130414_20170713_C01_V01", true);
    assertThat(run(List.of(scene), Map.of(), "--profile", "jpeg").exit()).isEqualTo(2);
    assertThat(run(List.of(scene), Map.of(), "--level", "99").exit()).isEqualTo(2);
    assertThat(run(List.of(scene), Map.of(), "--cog", "some").exit()).isEqualTo(2);
    Run help = run(List.of(scene), Map.of(), "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("deflate, zstd, lzw", "Exit codes:", "0   every scene ended", "Default:");
    assertThat(help.out()).doesNotContain("1   ");
  }

  @Test
  void gdalReadsTheEmbeddedStoreThroughVsis3WithGdalS3Settings() throws Exception {
    Path tif = TestRasters.reflectance(inputs.resolve("v.tif"), 300, 200);
    S3Location at = new S3Location(BUCKET, "probe/v.tif");
    put(at, tif);
    GdalS3.configure(store.settings());
    try (GdalDataset ds = GdalDataset.openReadOnly(GdalS3.path(at))) {
      assertThat(ds.get().getRasterXSize()).isEqualTo(300);
      int[] px = new int[300 * 200];
      ds.get().GetRasterBand(1).ReadRaster(0, 0, 300, 200, px);
      assertThat(px).isEqualTo(TestRasters.pixels(tif, -1));
    }
  }
}
