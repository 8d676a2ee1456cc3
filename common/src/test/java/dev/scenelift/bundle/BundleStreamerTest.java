package dev.scenelift.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenelift.manifest.BundleSource;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.source.UriBundleOpener;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Location;
import dev.scenelift.store.StreamingUploader;
import dev.scenelift.store.UploadTuning;
import dev.scenelift.testing.S3TestSupport;
import dev.scenelift.testing.SharedData;
import dev.scenelift.testing.TarBuilder;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.s3.S3Client;

class BundleStreamerTest {
  private static final SceneId SCENE = SceneId.parse("LC08_CU_003003_20130414_20170713_C01_V01");
  private static final KeyLayout LAYOUT = KeyLayout.inBucket("scenelift");

  private static EmbeddedS3Store store;
  private static S3Client s3;
  private static ExecutorService executor;

  @TempDir Path dir;
  private BundleStreamer streamer;

  @BeforeAll
  static void startStore() throws Exception {
    store = EmbeddedS3Store.inMemory();
    s3 = S3ClientFactory.create(store.settings());
    s3.createBucket(b -> b.bucket("scenelift"));
    executor = Executors.newFixedThreadPool(4);
  }

  @AfterAll
  static void stopStore() throws Exception {
    executor.shutdownNow();
    s3.close();
    store.close();
  }

  @BeforeEach
  void emptyBucket() {
    for (String key : S3TestSupport.keys(s3, "scenelift", "")) {
      s3.deleteObject(b -> b.bucket("scenelift").key(key));
    }
    streamer = streamer(BundleLimits.defaults());
  }

  private BundleStreamer streamer(BundleLimits limits) {
    UriBundleOpener opener =
        new UriBundleOpener(HttpClient.newHttpClient(), s3, false, Duration.ofSeconds(10));
    return new BundleStreamer(
        opener, new StreamingUploader(s3, executor, new UploadTuning(5 * 1024 * 1024, 4)), LAYOUT, limits);
  }

  private BundleSource source(Bundle bundle, byte[] bytes, Optional<String> md5) throws IOException {
    Path file = dir.resolve(SCENE + "_" + bundle + ".tar");
    Files.write(file, bytes);
    return new BundleSource(bundle, file.toUri(), md5, -1);
  }

  private byte[] object(S3Location loc) {
    return s3.getObjectAsBytes(b -> b.bucket(loc.bucket()).key(loc.key())).asByteArray();
  }

  private BundleResult stream(BundleSource source, SceneWrites writes) throws Exception {
    BundleResult result = streamer.stream(SCENE, source, writes);
    writes.awaitAll();
    return result;
  }

  @Test
  void streamsEveryEntryToItsRawKeyAndHashesTheBundle() throws Exception {
    byte[] band = TarBuilder.randomBytes(300_000, 1);
    byte[] tar = new TarBuilder().file(SCENE + "_SRB1.tif", band).file(SCENE + "_SRB2.tif", "b2").tar();

    BundleResult result = stream(source(Bundle.SR, tar, Optional.of(TarBuilder.md5(tar))), new SceneWrites());

    assertThat(result.md5()).isEqualTo(TarBuilder.md5(tar));
    assertThat(result.bytes()).isEqualTo(tar.length);
    assertThat(result.entries()).isEqualTo(2);
    assertThat(result.gzip()).isFalse();
    assertThat(object(LAYOUT.rawObject(SCENE, Bundle.SR, SCENE + "_SRB1.tif"))).isEqualTo(band);
    assertThat(new String(object(LAYOUT.rawObject(SCENE, Bundle.SR, SCENE + "_SRB2.tif")), StandardCharsets.UTF_8))
        .isEqualTo("b2");
  }

  @Test
  void readsGzipBundleRecognisedByItsMagicBytesNotItsName() throws Exception {
    byte[] gz = new TarBuilder().file(SCENE + "_BTB6.tif", "thermal").tarGz();

    BundleResult result = stream(source(Bundle.BT, gz, Optional.of(TarBuilder.md5(gz))), new SceneWrites());

    assertThat(result.gzip()).isTrue();
    assertThat(result.md5()).isEqualTo(TarBuilder.md5(gz));
    assertThat(new String(object(LAYOUT.rawObject(SCENE, Bundle.BT, SCENE + "_BTB6.tif")), StandardCharsets.UTF_8))
        .isEqualTo("thermal");
  }

  @Test
  void rejectsBundleWhoseMd5DiffersFromTheListedOne() throws Exception {
    byte[] tar = new TarBuilder().file("a.tif", "a").tar();
    String wrong = "0123456789abcdef0123456789abcdef";

    assertThatThrownBy(() -> stream(source(Bundle.SR, tar, Optional.of(wrong)), new SceneWrites()))
        .isInstanceOf(Md5MismatchException.class)
        .hasMessageContaining(wrong)
        .hasMessageContaining(TarBuilder.md5(tar))
        .satisfies(e -> assertThat(((Md5MismatchException) e).scene()).isEqualTo(SCENE));
  }

  @Test
  void rejectsTruncatedTar() throws Exception {
    byte[] tar = new TarBuilder().file("a.tif", TarBuilder.randomBytes(20_000, 2)).tar();
    byte[] cut = Arrays.copyOf(tar, 512 + 9_000);

    assertThatThrownBy(() -> stream(source(Bundle.SR, cut, Optional.empty()), new SceneWrites()))
        .isInstanceOf(BundleCorruptException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void rejectsBundleShorterThanItsListedSize() throws Exception {
    byte[] tar = new TarBuilder().file("a.tif", "a").tar();
    Path file = dir.resolve("short.tar");
    Files.write(file, tar);
    BundleSource listedLonger = new BundleSource(Bundle.QA, file.toUri(), Optional.empty(), tar.length + 512);

    assertThatThrownBy(() -> stream(listedLonger, new SceneWrites()))
        .isInstanceOf(BundleCorruptException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void rejectsCorruptHeader() throws Exception {
    byte[] tar = new TarBuilder().file("a.tif", "a").file("b.tif", "b").tar();
    for (int i = 1024; i < 1024 + 100; i++) {
      tar[i] = (byte) 0xA5;
    }

    assertThatThrownBy(() -> stream(source(Bundle.SR, tar, Optional.empty()), new SceneWrites()))
        .isInstanceOf(BundleCorruptException.class);
  }

  @Test
  void rejectsGarbageThatIsNotAnArchive() throws Exception {
    byte[] garbage = TarBuilder.randomBytes(4096, 3);

    assertThatThrownBy(() -> stream(source(Bundle.SR, garbage, Optional.empty()), new SceneWrites()))
        .isInstanceOf(BundleCorruptException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x.tif", "/etc/x", "dir/../../x", "a/b/c.tif", "./../x"})
  void rejectsEntryNamesThatEscapeOrNest(String name) throws Exception {
    byte[] tar = new TarBuilder().file(name, "evil").tar();

    assertThatThrownBy(() -> stream(source(Bundle.SR, tar, Optional.empty()), new SceneWrites()))
        .isInstanceOf(UnsafeEntryException.class)
        .hasMessageContaining(name);
    assertThat(S3TestSupport.keys(s3, "scenelift", "")).isEmpty();
  }

  @Test
  void rejectsSymbolicLink() throws Exception {
    byte[] tar = new TarBuilder().file("a.tif", "a").symlink("b.tif", "/etc/passwd").tar();

    assertThatThrownBy(() -> stream(source(Bundle.SR, tar, Optional.empty()), new SceneWrites()))
        .isInstanceOf(UnsafeEntryException.class)
        .hasMessageContaining("symbolic link");
  }

  @Test
  void rejectsHardLink() throws Exception {
    byte[] tar = new TarBuilder().file("a.tif", "a").hardlink("b.tif", "a.tif").tar();

    assertThatThrownBy(() -> stream(source(Bundle.SR, tar, Optional.empty()), new SceneWrites()))
        .isInstanceOf(UnsafeEntryException.class)
        .hasMessageContaining("hard link");
  }

  @Test
  void rejectsFifo() throws Exception {
    byte[] tar = new TarBuilder().fifo("pipe").tar();

    assertThatThrownBy(() -> stream(source(Bundle.SR, tar, Optional.empty()), new SceneWrites()))
        .isInstanceOf(UnsafeEntryException.class)
        .hasMessageContaining("fifo");
  }

  @Test
  void dropsOneLeadingDirectory() throws Exception {
    byte[] tar = new TarBuilder().directory("bundle").file("bundle/a.tif", "a").tar();

    stream(source(Bundle.SR, tar, Optional.empty()), new SceneWrites());

    assertThat(S3TestSupport.keys(s3, "scenelift", ""))
        .containsExactly(LAYOUT.rawObject(SCENE, Bundle.SR, "a.tif").key());
  }

  @Test
  void storesTheRepeatedMetadataXmlOncePerScene() throws Exception {
    String xml = "<scene/>";
    SceneWrites writes = new SceneWrites();
    stream(source(Bundle.SR, new TarBuilder().file(SCENE + ".xml", xml).file("sr.tif", "s").tar(), Optional.empty()),
        writes);
    stream(source(Bundle.QA, new TarBuilder().file(SCENE + ".xml", xml).file("qa.tif", "q").tar(), Optional.empty()),
        writes);

    assertThat(S3TestSupport.keys(s3, "scenelift", ""))
        .containsExactlyInAnyOrder(
            LAYOUT.metadataXml(LAYOUT.raw(), SCENE).key(),
            LAYOUT.rawObject(SCENE, Bundle.SR, "sr.tif").key(),
            LAYOUT.rawObject(SCENE, Bundle.QA, "qa.tif").key());
    assertThat(new String(object(LAYOUT.metadataXml(LAYOUT.raw(), SCENE)), StandardCharsets.UTF_8)).isEqualTo(xml);
  }

  @Test
  void rejectsMetadataXmlThatDiffersBetweenBundles() throws Exception {
    SceneWrites writes = new SceneWrites();
    stream(source(Bundle.SR, new TarBuilder().file(SCENE + ".xml", "<a/>").tar(), Optional.empty()), writes);

    assertThatThrownBy(
            () ->
                stream(
                    source(Bundle.QA, new TarBuilder().file(SCENE + ".xml", "<b/>").tar(), Optional.empty()),
                    writes))
        .isInstanceOf(BundleCorruptException.class)
        .hasMessageContaining("differs from the copy in the SR bundle");
  }

  @Test
  void refusesGzipBundleThatExpandsPastTheLimit() throws Exception {
    byte[] zeros = new byte[2_000_000];
    byte[] gz = new TarBuilder().file("bomb.tif", zeros).tarGz();
    streamer = streamer(BundleLimits.defaults().withMaxExpandedBytes(1_000_000));

    assertThatThrownBy(() -> stream(source(Bundle.SR, gz, Optional.empty()), new SceneWrites()))
        .isInstanceOf(BundleTooLargeException.class);
  }

  @Test
  void refusesBundleLongerThanItsListedSize() throws Exception {
    byte[] tar = new TarBuilder().file("a.tif", TarBuilder.randomBytes(50_000, 4)).tar();
    Path file = dir.resolve("long.tar");
    Files.write(file, tar);
    BundleSource listedShorter = new BundleSource(Bundle.SR, file.toUri(), Optional.empty(), 10_240);

    assertThatThrownBy(() -> stream(listedShorter, new SceneWrites()))
        .isInstanceOf(BundleTooLargeException.class)
        .hasMessageContaining("10240");
  }

  @Test
  void reportsMissingSourceAsSourceFailure() {
    BundleSource missing =
        new BundleSource(Bundle.SR, dir.resolve("nope.tar").toUri(), Optional.empty(), -1);

    assertThatThrownBy(() -> stream(missing, new SceneWrites()))
        .isInstanceOf(SourceFailedException.class)
        .hasMessageContaining("nope.tar");
  }

  @Test
  void streamsTheRealUsgsQaBundleAndVerifiesItsPublishedMd5() throws Exception {
    String name = "LE07_CU_014007_20150223_20170330_C01_V01_QA";
    Path tar = SharedData.file("ard-samples/" + name + ".tar");
    String published = Files.readString(SharedData.file("ard-samples/" + name + ".md5")).strip().split("\\s+")[0];
    SceneId scene = SceneId.parse("LE07_CU_014007_20150223_20170330_C01_V01");
    SceneWrites writes = new SceneWrites();

    BundleResult result =
        streamer.stream(scene, new BundleSource(Bundle.QA, tar.toUri(), Optional.of(published), Files.size(tar)), writes);
    writes.awaitAll();

    assertThat(result.md5()).isEqualTo(published).isEqualTo("829d66729ec1651713ffb092795bb46e");
    assertThat(result.entries()).isEqualTo(6);
    List<String> keys = S3TestSupport.keys(s3, "scenelift", "");
    assertThat(keys)
        .hasSize(6)
        .contains(
            LAYOUT.metadataXml(LAYOUT.raw(), scene).key(),
            LAYOUT.rawObject(scene, Bundle.QA, scene + "_PIXELQA.tif").key());
    assertThat(object(LAYOUT.rawObject(scene, Bundle.QA, scene + "_PIXELQA.tif"))).hasSize(190_131);
  }
}
