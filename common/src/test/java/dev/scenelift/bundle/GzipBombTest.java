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
import dev.scenelift.store.StreamingUploader;
import dev.scenelift.store.UploadTuning;
import dev.scenelift.testing.S3TestSupport;
import dev.scenelift.testing.TarBuilder;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** A gzip bomb is refused by a limit derived from its listed size, not only by the 16 GiB absolute limit. */
class GzipBombTest {
  private static final SceneId SCENE = SceneId.parse("LC08_CU_003003_20130414_20170713_C01_V01");
  private static final KeyLayout LAYOUT = KeyLayout.inBucket("scenelift");

  @TempDir Path dir;

  @Test
  void gzipBundleExpandingPastTwoHundredTimesItsListedSizeIsRefusedAndLeavesNothing() throws Exception {
    byte[] gz = new TarBuilder().file(SCENE + "_SRB1.tif", new byte[64 << 20]).tarGz(); // ~64 KiB -> 64 MiB
    Path file = Files.write(dir.resolve(SCENE + "_SR.tar.gz"), gz);
    BundleSource listed = new BundleSource(Bundle.SR, file.toUri(), Optional.of(TarBuilder.md5(gz)), gz.length);
    assertThat((long) gz.length * BundleStreamer.MAX_GZIP_RATIO).isLessThan(64L << 20);

    ExecutorService executor = Executors.newFixedThreadPool(2);
    try (EmbeddedS3Store store = EmbeddedS3Store.inMemory();
        S3Client s3 = S3ClientFactory.create(store.settings())) {
      s3.createBucket(b -> b.bucket("scenelift"));
      BundleStreamer streamer =
          new BundleStreamer(
              new UriBundleOpener(HttpClient.newHttpClient(), s3, false, Duration.ofSeconds(10)),
              new StreamingUploader(s3, executor, new UploadTuning(5 * 1024 * 1024, 4)),
              LAYOUT,
              BundleLimits.defaults());
      SceneWrites writes = new SceneWrites();

      assertThatThrownBy(() -> streamer.stream(SCENE, listed, writes))
          .isInstanceOf(BundleTooLargeException.class)
          .hasMessageContaining("200 times its listed size");
      writes.awaitQuietly();
      assertThat(S3TestSupport.incompleteUploads(s3, "scenelift")).isZero();
    } finally {
      executor.shutdownNow();
    }
  }
}
