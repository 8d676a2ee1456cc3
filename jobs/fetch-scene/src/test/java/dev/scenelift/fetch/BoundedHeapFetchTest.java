package dev.scenelift.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.scenelift.job.ExitCodes;
import dev.scenelift.job.JobEnv;
import dev.scenelift.manifest.BundleSource;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import dev.scenelift.marker.CompletionMarker;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.marker.MarkerStore;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.StoredObject;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A 1 GiB bundle, generated while it is served over HTTP, streams through fetch-scene in a child JVM limited to a 256
 * MiB heap into an on-disk store. Slow on a shared machine, so it runs only with {@code -Dscenelift.heavy=true} (the
 * benchmark {@code bench/fetch/run} measures the same bound every time it runs).
 */
@EnabledIfSystemProperty(named = "scenelift.heavy", matches = "true")
class BoundedHeapFetchTest {
  private static final long MIB = 1024 * 1024;
  private static final SceneId SCENE = SceneId.parse("LC08_CU_003003_20130414_20170713_C01_V01");

  @Test
  void oneGibibyteBundleStreamsThroughA256MibHeap(@TempDir Path dir) throws Exception {
    GeneratedBundle bundle = new GeneratedBundle(SCENE + "_SR", 4, 256 * MIB);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            bundle.writeTo(out);
          }
        });
    server.start();
    KeyLayout layout = KeyLayout.inBucket("scenelift");
    try (EmbeddedS3Store store = EmbeddedS3Store.onDisk(dir.resolve("store"), 0);
        S3Client s3 = S3ClientFactory.create(store.settings())) {
      s3.createBucket(b -> b.bucket("scenelift"));
      URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + SCENE + "_SR.tar");
      RunManifest manifest =
          new RunManifest(
              "h03v03-heap",
              SCENE.tile(),
              "http://127.0.0.1/",
              Instant.now(),
              1,
              layout,
              List.of(new SceneEntry(SCENE, List.of(new BundleSource(Bundle.SR, uri, Optional.empty(), -1)))),
              Map.of());
      String manifestUri = new ManifestStore(s3).write(manifest).toString();
      Path log = dir.resolve("child.log");
      ProcessBuilder child =
          ChildJvm.of("256m", MeasuredFetch.class).redirectErrorStream(true).redirectOutput(log.toFile());
      Map<String, String> env = child.environment();
      env.putAll(JobEnv.forStore(store.settings()));
      env.put(JobEnv.RUN_ID, manifest.runId());
      env.put(JobEnv.MANIFEST, manifestUri);
      Process process = child.start();
      assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();

      String output = Files.readString(log);
      assertThat(process.exitValue()).as(output).isEqualTo(ExitCodes.OK);
      assertThat(output).contains("max_heap_bytes=");
      CompletionMarker marker = new MarkerStore(s3, layout).marker(Stage.FETCH, SCENE).orElseThrow();
      assertThat(marker.objects()).hasSize(4).allSatisfy(o -> assertThat(o.size()).isEqualTo(256 * MIB));
      assertThat(marker.objects().stream().mapToLong(StoredObject::size).sum()).isEqualTo(1024 * MIB);
    } finally {
      server.stop(0);
    }
  }
}
