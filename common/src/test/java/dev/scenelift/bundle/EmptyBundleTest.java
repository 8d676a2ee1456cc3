package dev.scenelift.bundle;

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
import dev.scenelift.testing.TarBuilder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** A bundle with no files is never a finished bundle: a zero-byte download and an HTML page saved as .tar fail. */
class EmptyBundleTest {
  private static final SceneId SCENE = SceneId.parse("LC08_CU_003003_20130414_20170713_C01_V01");

  @TempDir Path dir;

  @Test
  void zeroByteBundleFailsAsEmpty() throws Exception {
    assertRefused(new byte[0], "is empty (0 bytes)");
  }

  @Test
  void htmlErrorPageSavedAsTarFailsNamingWhatItStartsWith() throws Exception {
    byte[] html = "<html><body><h1>503 Service Unavailable</h1></body></html>".getBytes(StandardCharsets.UTF_8);
    assertRefused(html, "holds no files: not a tar archive, it starts with '<html><body><h1>503");
  }

  private void assertRefused(byte[] bytes, String message) throws Exception {
    Path file = Files.write(dir.resolve(SCENE + "_SR.tar"), bytes);
    BundleSource source = new BundleSource(Bundle.SR, file.toUri(), Optional.of(TarBuilder.md5(bytes)), bytes.length);
    ExecutorService executor = Executors.newFixedThreadPool(1);
    try (EmbeddedS3Store store = EmbeddedS3Store.inMemory();
        S3Client s3 = S3ClientFactory.create(store.settings())) {
      s3.createBucket(b -> b.bucket("scenelift"));
      BundleStreamer streamer =
          new BundleStreamer(
              new UriBundleOpener(HttpClient.newHttpClient(), s3, false, Duration.ofSeconds(10)),
              new StreamingUploader(s3, executor, new UploadTuning(5 * 1024 * 1024, 2)),
              KeyLayout.inBucket("scenelift"),
              BundleLimits.defaults());
      assertThatThrownBy(() -> streamer.stream(SCENE, source, new SceneWrites()))
          .isInstanceOf(BundleCorruptException.class)
          .hasMessageContaining(message);
    } finally {
      executor.shutdownNow();
    }
  }
}
