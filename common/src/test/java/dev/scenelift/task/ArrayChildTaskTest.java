package dev.scenelift.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

class ArrayChildTaskTest {
  private static final List<SceneId> SCENES =
      List.of(
          SceneId.parse("LC08_CU_003003_20130414_20170713_C01_V01"),
          SceneId.parse("LC08_CU_003003_20130430_20170713_C01_V01"),
          SceneId.parse("LC08_CU_003003_20130516_20170713_C01_V01"));

  private static EmbeddedS3Store store;
  private static S3Client s3;
  private static String manifestUri;

  @BeforeAll
  static void start() throws Exception {
    store = EmbeddedS3Store.inMemory();
    s3 = S3ClientFactory.create(store.settings());
    s3.createBucket(b -> b.bucket("tasks"));
    List<SceneEntry> entries =
        SCENES.stream()
            .map(
                id ->
                    new SceneEntry(
                        id,
                        List.of(
                            new BundleSource(
                                Bundle.QA, URI.create("file:///nowhere/" + id + "_QA.tar"), Optional.empty(), 1))))
            .toList();
    RunManifest manifest =
        new RunManifest(
            "h03v03-task", SCENES.get(0).tile(), "file:///nowhere/", Instant.now(), 2, KeyLayout.inBucket("tasks"),
            entries, Map.of());
    manifestUri = new ManifestStore(s3).write(manifest).toString();
  }

  @AfterAll
  static void stop() throws Exception {
    s3.close();
    store.close();
  }

  private static Map<String, String> env(String manifest, int arrayIndex) {
    Map<String, String> env = JobEnv.forStore(store.settings());
    env.put(JobEnv.RUN_ID, "h03v03-task");
    env.put(JobEnv.MANIFEST, manifest);
    env.put(JobEnv.ARRAY_INDEX, Integer.toString(arrayIndex));
    return env;
  }

  @Test
  void theLastChildGetsTheShortRestOfTheScenes() throws Exception {
    try (ArrayChildTask task = ArrayChildTask.open(env(manifestUri, 1))) {
      assertThat(task.scenes()).extracting(SceneEntry::id).containsExactly(SCENES.get(2));
      assertThat(task.manifest().runId()).isEqualTo("h03v03-task");
      assertThat(task.config().arrayIndex()).isEqualTo(1);
      task.close();
      task.close();
    }
  }

  @Test
  void aChildBeyondTheSplitIsAUsageError() {
    assertThatThrownBy(() -> ArrayChildTask.open(env(manifestUri, 2)))
        .isInstanceOf(TaskStartException.class)
        .satisfies(e -> assertThat(((TaskStartException) e).exitCode()).isEqualTo(ExitCodes.USAGE))
        .hasMessageContaining("2");
  }

  @Test
  void aMissingManifestIsARetryableErrorNamingIt() {
    String missing = "s3://tasks/runs/none/manifest.json";
    assertThatThrownBy(() -> ArrayChildTask.open(env(missing, 0)))
        .isInstanceOf(TaskStartException.class)
        .hasMessageStartingWith("cannot read the run manifest " + missing)
        .satisfies(e -> assertThat(((TaskStartException) e).exitCode()).isEqualTo(ExitCodes.INFRASTRUCTURE));
  }

  @Test
  void aConfigurationWithoutManifestIsAUsageError() {
    Map<String, String> env = env(manifestUri, 0);
    env.remove(JobEnv.MANIFEST);
    assertThatThrownBy(() -> ArrayChildTask.open(env))
        .isInstanceOf(TaskStartException.class)
        .hasMessageContaining(JobEnv.MANIFEST)
        .satisfies(e -> assertThat(((TaskStartException) e).exitCode()).isEqualTo(ExitCodes.USAGE));
  }
}
