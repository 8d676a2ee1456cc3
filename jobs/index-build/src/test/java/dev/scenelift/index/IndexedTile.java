package dev.scenelift.index;

import dev.scenelift.job.JobEnv;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Location;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.IntBinaryOperator;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A store holding a small tile in every state a partial run leaves: a Landsat 8 scene with COGs and a clear verdict,
 * a Landsat 5 scene with raw bands only and a cloudy verdict, and a Landsat 7 scene the manifest lists but nobody
 * fetched yet. Runs index-build over it like the engine does.
 */
final class IndexedTile implements AutoCloseable {
  static final SceneId L8 = SceneId.parse("LC08_CU_003003_20130414_20170713_C01_V01");
  static final SceneId L5 = SceneId.parse("LT05_CU_003003_20110602_20170817_C01_V01");
  static final SceneId L7 = SceneId.parse("LE07_CU_003003_20120101_20170817_C01_V01");
  static final Tile TILE = Tile.parse("h03v03");

  final EmbeddedS3Store store;
  final S3Client s3;
  final KeyLayout layout;
  final TileFixture fixture;
  final S3Location manifest;
  String lastOut = "";
  String lastErr = "";

  IndexedTile(Path tmp) throws Exception {
    this(tmp, KeyLayout.inBucket("scenelift"));
  }

  /** The same tile in another layout, e.g. each collection in a bucket of its own; the buckets are created. */
  IndexedTile(Path tmp, KeyLayout layout) throws Exception {
    this.layout = layout;
    store = EmbeddedS3Store.inMemory();
    s3 = S3ClientFactory.create(store.settings());
    for (String bucket :
        new java.util.TreeSet<>(List.of(layout.raw().bucket(), layout.opt().bucket(), layout.cog().bucket(),
            layout.runs().bucket()))) {
      s3.createBucket(b -> b.bucket(bucket));
    }
    fixture = new TileFixture(s3, layout, tmp);
    // red: bright to the right; green: bright downwards; blue: constant-ish; top-left corner nodata
    IntBinaryOperator red = (x, y) -> corner(x, y) ? TileFixture.NODATA : 100 + x * 30;
    IntBinaryOperator green = (x, y) -> corner(x, y) ? TileFixture.NODATA : 100 + y * 30;
    IntBinaryOperator blue = (x, y) -> corner(x, y) ? TileFixture.NODATA : 500 + (x + y) % 7;
    fixture.scene(L8, Map.of("B4", red, "B3", green, "B2", blue), true);
    fixture.verdict(L8, true, 0.5, 3); // in the COG research set too
    fixture.scene(L5, Map.of("B3", red, "B2", green, "B1", blue), false);
    fixture.verdict(L5, false, 45, 3);
    // L8 has no metadata XML (the fallback); L5 has a stub one, a small object the listing pages sort by size
    fixture.metadataXml(L5, "<ard_metadata/>".getBytes(StandardCharsets.UTF_8));
    manifest =
        new ManifestStore(s3)
            .write(
                new RunManifest(
                    "run-1",
                    TILE,
                    "test",
                    Instant.now(),
                    10,
                    layout,
                    List.of(new SceneEntry(L8, List.of()), new SceneEntry(L5, List.of()), new SceneEntry(L7, List.of())),
                    Map.of()));
  }

  static boolean corner(int x, int y) {
    return x < 20 && y < 20;
  }

  Map<String, String> env() {
    Map<String, String> env = JobEnv.forStore(store.settings());
    env.put(JobEnv.RUN_ID, "run-1");
    env.put(JobEnv.MANIFEST, manifest.toString());
    env.put(JobEnv.WORKERS, "2");
    return env;
  }

  int run(String... args) {
    return run(env(), args);
  }

  int run(Map<String, String> env, String... args) {
    IndexBuildRun r = IndexBuildRun.of(env, args);
    lastOut = r.out();
    lastErr = r.err();
    return r.exit();
  }

  /** Names as index-build sees them on this (path-style) store. */
  OutputNames names() {
    return new OutputNames(layout, true);
  }

  String read(S3Location loc) {
    return s3.getObjectAsBytes(b -> b.bucket(loc.bucket()).key(loc.key())).asString(StandardCharsets.UTF_8);
  }

  byte[] bytes(S3Location loc) {
    return s3.getObjectAsBytes(b -> b.bucket(loc.bucket()).key(loc.key())).asByteArray();
  }

  boolean exists(S3Location loc) {
    try {
      s3.headObject(b -> b.bucket(loc.bucket()).key(loc.key()));
      return true;
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      return false;
    }
  }

  @Override
  public void close() throws Exception {
    s3.close();
    store.close();
  }
}
