package dev.scenelift.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenelift.batch.JobState;
import dev.scenelift.batch.JobStatus;
import dev.scenelift.manifest.BundleSource;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.marker.CompletionMarker;
import dev.scenelift.marker.MarkerStore;
import dev.scenelift.scene.Stage;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Settings;
import dev.scenelift.testing.FaultProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole chain on the embedded engine with every S3 request of the jobs going through a {@link FaultProxy} that
 * drops, stalls or fails (503 SlowDown / 500) a share of them: the SDK's retries and the engine's attempts carry every
 * scene to the end, and what is stored is exactly what the markers say.
 */
class FaultInjectionTest {
  @TempDir Path dataDir;

  @Test
  void everySceneCompletesWithValidMarkersAndNoOpenUploadsWhenTenPercentOfRequestsFail() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(4);
    try (EmbeddedS3Store store = EmbeddedS3Store.inMemory();
        S3Client direct = S3ClientFactory.create(store.settings());
        FaultProxy proxy = new FaultProxy(store.endpoint(), 0.0, 8)) {
      ChaosRun.Planned planned = ChaosRun.plan(direct, store.settings(), dataDir, 3, 96);
      proxy.setStallMillis(100);
      proxy.setShare(0.10);
      S3Settings viaProxy =
          S3Settings.compatible(proxy.endpoint(), EmbeddedS3Store.ACCESS_KEY, EmbeddedS3Store.SECRET_KEY);

      Map<Stage, JobState> states =
          ChaosRun.execute(planned, viaProxy, executor, dataDir.resolve("logs"), Duration.ofMinutes(3));
      proxy.setShare(0.0);

      String logs = ChaosRun.logs(dataDir.resolve("logs"));
      assertThat(states.values())
          .allSatisfy(s -> assertThat(s.status()).as("%s%n%s", s, logs).isEqualTo(JobStatus.SUCCEEDED));
      assertThat(proxy.injectedTotal()).as("faults were injected").isGreaterThanOrEqualTo(5);
      MarkerStore markers = new MarkerStore(direct, ChaosRun.LAYOUT);
      for (SceneEntry scene : planned.plan().manifest().scenes()) {
        CompletionMarker fetched = markers.marker(Stage.FETCH, scene.id()).orElseThrow();
        for (BundleSource bundle : scene.bundles()) {
          assertThat(fetched.checksums()).containsEntry(bundle.bundle() + ".md5", bundle.md5().orElseThrow());
        }
        assertThat(markers.isDone(Stage.FILTER, scene.id())).as("%s filtered", scene.id()).isTrue();
        assertThat(markers.isDone(Stage.COG, scene.id())).as("%s converted", scene.id()).isTrue();
      }
      StoreAudit audit = StoreAudit.of(direct, ChaosRun.BUCKET);
      assertThat(audit.lost()).isEmpty();
      assertThat(audit.halfWritten()).isEmpty();
      assertThat(audit.orphans()).isEmpty();
      assertThat(audit.openUploads()).isEmpty();
      System.out.printf(
          "fault injection: %d requests, %d faults (%s), %d objects, %d markers%n",
          proxy.requests(), proxy.injectedTotal(), faults(proxy), audit.objects().size(), audit.markers().size());
    } finally {
      executor.shutdownNow();
    }
  }

  private static String faults(FaultProxy proxy) {
    StringBuilder s = new StringBuilder();
    for (FaultProxy.Fault f : FaultProxy.Fault.values()) {
      if (f != FaultProxy.Fault.NONE) {
        s.append(s.length() == 0 ? "" : " ").append(f).append('=').append(proxy.injected(f));
      }
    }
    return s.toString();
  }
}
