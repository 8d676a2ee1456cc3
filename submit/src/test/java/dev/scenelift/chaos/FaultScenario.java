package dev.scenelift.chaos;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole chain on the embedded engine with every S3 request of the jobs going through a {@link FaultProxy}. Shared
 * by {@code FaultInjectionTest} and the chaos bench.
 */
final class FaultScenario {
  private FaultScenario() {}

  /**
   * @param incomplete what is missing, e.g. {@code <scene>: no cog-convert marker}, or a stage that did not succeed
   * @param audit the store after the run
   */
  record Outcome(
      String name, long requests, Map<FaultProxy.Fault, Integer> faults, List<String> incomplete, StoreAudit audit,
      String logs) {
    int injected() {
      return faults.values().stream().mapToInt(Integer::intValue).sum();
    }

    boolean passed() {
      return incomplete.isEmpty() && audit.clean() && injected() > 0;
    }

    String line() {
      return String.format(
          "%s: requests=%d faults=%d %s incomplete=%d lost=%d half_written=%d orphans=%d unfinished_mpu=%d %s",
          name, requests, injected(), faults, incomplete.size(), audit.lost().size(), audit.halfWritten().size(),
          audit.orphans().size(), audit.openUploads().size(), passed() ? "ok" : "FAILED " + incomplete);
    }
  }

  static Outcome run(Path dataDir, int scenes, int size, double share, long seed) throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(4);
    try (EmbeddedS3Store store = EmbeddedS3Store.inMemory();
        S3Client direct = S3ClientFactory.create(store.settings());
        FaultProxy proxy = new FaultProxy(store.endpoint(), 0.0, seed)) {
      ChaosRun.Planned planned = ChaosRun.plan(direct, store.settings(), dataDir, scenes, size);
      proxy.setStallMillis(100);
      proxy.setShare(share);
      S3Settings viaProxy =
          S3Settings.compatible(proxy.endpoint(), EmbeddedS3Store.ACCESS_KEY, EmbeddedS3Store.SECRET_KEY);
      Path logs = dataDir.resolve("logs");
      Map<Stage, JobState> states = ChaosRun.execute(planned, viaProxy, executor, logs, Duration.ofMinutes(5));
      proxy.setShare(0.0);

      List<String> incomplete = new ArrayList<>();
      states.values().stream()
          .filter(s -> s.status() != JobStatus.SUCCEEDED)
          .forEach(s -> incomplete.add(s.name() + ": " + s.status() + " " + s.reason()));
      MarkerStore markers = new MarkerStore(direct, ChaosRun.LAYOUT);
      for (SceneEntry scene : planned.plan().manifest().scenes()) {
        for (Stage stage : List.of(Stage.FETCH, Stage.FILTER, Stage.COG)) {
          if (!markers.isDone(stage, scene.id())) {
            incomplete.add(scene.id() + ": no " + stage.jobName() + " marker");
          }
        }
        markers.marker(Stage.FETCH, scene.id()).ifPresent(m -> checkMd5s(scene, m, incomplete));
      }
      Map<FaultProxy.Fault, Integer> faults = new java.util.EnumMap<>(FaultProxy.Fault.class);
      for (FaultProxy.Fault f : FaultProxy.Fault.values()) {
        if (f != FaultProxy.Fault.NONE) {
          faults.put(f, proxy.injected(f));
        }
      }
      return new Outcome(
          "faults on " + Math.round(share * 100) + "% of S3 requests, " + scenes + " scenes", proxy.requests(),
          faults, incomplete, StoreAudit.of(direct, ChaosRun.BUCKET),
          incomplete.isEmpty() ? "" : ChaosRun.logs(logs));
    } finally {
      executor.shutdownNow();
    }
  }

  private static void checkMd5s(SceneEntry scene, CompletionMarker fetched, List<String> incomplete) {
    for (BundleSource bundle : scene.bundles()) {
      String recorded = fetched.checksums().get(bundle.bundle() + ".md5");
      if (bundle.md5().isPresent() && !bundle.md5().get().equalsIgnoreCase(String.valueOf(recorded))) {
        incomplete.add(scene.id() + ": " + bundle.bundle() + " md5 " + recorded + ", the list says " + bundle.md5().get());
      }
    }
  }
}
