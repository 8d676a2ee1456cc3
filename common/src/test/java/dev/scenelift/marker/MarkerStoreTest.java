package dev.scenelift.marker;

import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Location;
import dev.scenelift.store.StoredObject;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenelift.manifest.BundleSource;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import dev.scenelift.scene.Tile;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

class MarkerStoreTest {
  private static EmbeddedS3Store store;
  private static S3Client s3;
  private final KeyLayout layout = KeyLayout.inBucket("scenelift");
  private final SceneId id = SceneId.parse("LC08_CU_003003_20130414_20170713_C01_V01");

  @BeforeAll
  static void start() throws Exception {
    store = EmbeddedS3Store.inMemory();
    s3 = S3ClientFactory.create(store.settings());
    s3.createBucket(b -> b.bucket("scenelift"));
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
    store.close();
  }

  @Test
  void markerReplacesFailureRecord() {
    MarkerStore markers = new MarkerStore(s3, layout);
    assertThat(markers.isDone(Stage.FETCH, id)).isFalse();
    markers.markFailed(new FailureRecord(id, Stage.FETCH, "run-1", "md5-mismatch", "bad", 1, Instant.now()));
    assertThat(markers.failure(Stage.FETCH, id)).get().extracting(FailureRecord::kind).isEqualTo("md5-mismatch");
    markers.markDone(
        new CompletionMarker(
            id, Stage.FETCH, "run-1", List.of(new StoredObject("k", 3, "crc32c:00")), Map.of("SR", "ab"), "file:///x",
            Instant.now(), Instant.now(), 2, "0.1.0", Map.of("seconds", 1.5)));
    assertThat(markers.isDone(Stage.FETCH, id)).isTrue();
    assertThat(markers.failure(Stage.FETCH, id)).isEmpty();
    assertThat(markers.marker(Stage.FETCH, id)).get().satisfies(m -> {
      assertThat(m.attempt()).isEqualTo(2);
      assertThat(m.bytes()).isEqualTo(3);
    });
  }

  @Test
  void manifestRoundTrips() {
    RunManifest m =
        new RunManifest(
            "h03v03-20261124t0530-3f2a", Tile.parse("h03v03"), "file:///data", Instant.parse("2026-11-24T05:30:00Z"), 2,
            layout,
            List.of(
                new SceneEntry(
                    id,
                    List.of(
                        new BundleSource(
                            Bundle.QA, URI.create("file:///data/x_QA.tar"),
                            Optional.of("1d17156a9a9e07623015719109fc3b61"), 3553280)))),
            Map.of("max-cloud", "10"));
    ManifestStore manifests = new ManifestStore(s3);
    S3Location loc = manifests.write(m);
    assertThat(manifests.read(loc)).isEqualTo(m);
  }
}
