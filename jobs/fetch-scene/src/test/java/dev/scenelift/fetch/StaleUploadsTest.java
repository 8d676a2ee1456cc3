package dev.scenelift.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenelift.job.ExitCodes;
import dev.scenelift.job.JobEnv;
import dev.scenelift.manifest.BundleSource;
import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Location;
import dev.scenelift.testing.S3TestSupport;
import dev.scenelift.testing.TarBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/** A killed attempt leaves multipart uploads open; the next attempt at the scene aborts them before it starts. */
class StaleUploadsTest {
  private static final KeyLayout LAYOUT = KeyLayout.inBucket("scenelift");
  private static final SceneId SCENE = SceneId.parse("LC08_CU_003003_20130414_20170713_C01_V01");
  private static final SceneId OTHER = SceneId.parse("LC08_CU_003003_20130430_20170713_C01_V01");

  @TempDir Path dir;

  @Test
  void fetchAbortsMultipartUploadsLeftOpenUnderTheSceneByAKilledAttempt() throws Exception {
    try (EmbeddedS3Store store = EmbeddedS3Store.inMemory();
        S3Client s3 = S3ClientFactory.create(store.settings())) {
      s3.createBucket(b -> b.bucket("scenelift"));
      S3Location stale = LAYOUT.rawObject(SCENE, Bundle.SR, SCENE + "_SRB1.tif");
      S3Location elsewhere = LAYOUT.rawObject(OTHER, Bundle.SR, OTHER + "_SRB1.tif");
      s3.createMultipartUpload(b -> b.bucket(stale.bucket()).key(stale.key()));
      s3.createMultipartUpload(b -> b.bucket(elsewhere.bucket()).key(elsewhere.key()));

      byte[] tar = new TarBuilder().file(SCENE + ".xml", "<scene/>").file(SCENE + "_SRB1.tif", "pixels").tar();
      Path file = Files.write(dir.resolve(SCENE + "_SR.tar"), tar);
      SceneEntry entry =
          new SceneEntry(SCENE, List.of(new BundleSource(Bundle.SR, file.toUri(), Optional.of(TarBuilder.md5(tar)),
              tar.length)));
      RunManifest manifest =
          new RunManifest("h03v03-20261124t0600-abcd", SCENE.tile(), dir.toUri().toString(),
              Instant.parse("2026-11-24T06:00:00Z"), 1, LAYOUT, List.of(entry), Map.of());
      S3Location at = new ManifestStore(s3).write(manifest);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);

      Map<String, String> env = JobEnv.forStore(store.settings());
      env.put(JobEnv.RUN_ID, manifest.runId());
      env.put(JobEnv.MANIFEST, at.toString());
      env.put(JobEnv.ARRAY_INDEX, "0");
      int code = new FetchSceneJob().run(List.of(), env, print, print);

      assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCodes.OK);
      assertThat(out.toString(StandardCharsets.UTF_8)).contains(SCENE + ": aborted 1 multipart upload(s)");
      assertThat(s3.listMultipartUploads(b -> b.bucket("scenelift")).uploads())
          .as("only the other scene's upload is left")
          .singleElement()
          .satisfies(u -> assertThat(u.key()).isEqualTo(elsewhere.key()));
      assertThat(S3TestSupport.keys(s3, "scenelift", LAYOUT.sceneDir(LAYOUT.raw(), SCENE).key())).isNotEmpty();
    }
  }
}
