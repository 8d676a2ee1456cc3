package dev.scenelift.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenelift.batch.BatchEngine;
import dev.scenelift.batch.JobDependency;
import dev.scenelift.batch.JobDependency.DependencyType;
import dev.scenelift.batch.JobRequest;
import dev.scenelift.batch.JobState;
import dev.scenelift.job.JobEnv;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.scene.Tile;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Location;
import dev.scenelift.store.S3Settings;
import dev.scenelift.testjobs.ListedCatalog;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

class StageChainTest {
  private static final Tile TILE = Tile.parse("h03v03");
  private static final String RUN = "h03v03-20261124t0600-abcd";

  /** Keeps what is submitted; answers nothing. */
  static final class Kept implements BatchEngine {
    final List<JobRequest> requests = new ArrayList<>();

    @Override
    public String submit(JobRequest request) {
      requests.add(request);
      return "id-" + request.stage().jobName();
    }

    @Override
    public List<JobState> describe(List<String> jobIds) {
      return List.of();
    }

    @Override
    public void close() {}
  }

  private static RunManifest manifest(int scenes, int k) {
    return new RunManifest(
        RUN, TILE, "test:", Instant.parse("2026-11-24T06:00:00Z"), k, KeyLayout.inBucket("scenelift"),
        ListedCatalog.scenes(TILE, scenes), Map.of());
  }

  @Test
  void requestsCarryNamesEnvironmentTagsAttemptsAndResolvedDependencies() {
    RunManifest m = manifest(5, 2);
    S3Location at = m.layout().manifest(RUN);
    Kept engine = new Kept();
    Map<String, String> store =
        JobEnv.forStore(S3Settings.compatible(URI.create("http://127.0.0.1:9999"), "k", "s"));

    new StageChain(Optional.of(URI.create("http://sqs.local/q")), true, store).submit(m, at, engine);

    List<JobRequest> made = engine.requests;
    assertThat(made)
        .extracting(JobRequest::name)
        .containsExactly(
            "scenelift-" + RUN + "-fetch-scene", "scenelift-" + RUN + "-cloud-filter",
            "scenelift-" + RUN + "-cog-convert", "scenelift-" + RUN + "-index-build");
    assertThat(made).extracting(JobRequest::arraySize).containsExactly(3, 3, 3, 0);
    assertThat(made.get(1).dependsOn()).containsExactly(new JobDependency("id-fetch-scene", DependencyType.N_TO_N));
    assertThat(made.get(3).dependsOn()).containsExactly(new JobDependency("id-cog-convert", DependencyType.WHOLE));
    assertThat(made.get(0).environment())
        .containsEntry(JobEnv.RUN_ID, RUN)
        .containsEntry(JobEnv.MANIFEST, at.toString())
        .containsEntry(JobEnv.FORCE, "true")
        .containsEntry(JobEnv.EVENTS_QUEUE, "http://sqs.local/q")
        .containsEntry(JobEnv.S3_ENDPOINT, "http://127.0.0.1:9999")
        .containsEntry(JobEnv.S3_ACCESS_KEY_ID, "k");
    assertThat(made.get(0).tags()).containsEntry("scenelift:run-id", RUN).containsEntry("scenelift:stage", "fetch-scene");
    assertThat(made).extracting(JobRequest::attempts).containsOnly(StageChain.ATTEMPTS);
    assertThat(made).allSatisfy(r -> assertThat(r.timeoutSeconds()).isGreaterThanOrEqualTo(StageChain.MIN_TIMEOUT_SECONDS));
  }

  @Test
  void aRunOfOneTaskIsFourPlainJobsChainedWhole() {
    Kept engine = new Kept();
    RunManifest m = manifest(3, 3);
    new StageChain(Optional.empty(), Map.of()).submit(m, m.layout().manifest(RUN), engine);
    assertThat(engine.requests).extracting(JobRequest::arraySize).containsOnly(0);
    assertThat(engine.requests.get(1).dependsOn()).extracting(JobDependency::type).containsOnly(DependencyType.WHOLE);
    assertThat(engine.requests.get(0).environment()).doesNotContainKey(JobEnv.FORCE);
  }

  @Test
  void aRunWithoutScenesIsRefusedBeforeAnySubmission() {
    Kept engine = new Kept();
    RunManifest m = manifest(0, 1);
    assertThatThrownBy(() -> new StageChain(Optional.empty(), Map.of()).submit(m, m.layout().manifest(RUN), engine))
        .hasMessageContaining("no scenes");
    assertThat(engine.requests).isEmpty();
  }

  /** What a retry's launcher submits: the jobs get the public URL and request payer the retried run was started with. */
  @Test
  void theLauncherGivesTheJobsTheRunVariablesTheManifestRecords() throws Exception {
    RunManifest recorded = manifest(3, 3);
    Map<String, String> options = new java.util.HashMap<>(recorded.options());
    options.putAll(RunJobVariables.toOptions(Map.of(JobEnv.PUBLIC_URL, "https://cog.example/cog/",
        JobEnv.REQUEST_PAYER_SOURCE, "true")));
    RunManifest m = new RunManifest(RUN, TILE, recorded.source(), recorded.created(), 3, recorded.layout(),
        recorded.scenes(), options);
    Kept engine = new Kept();
    try (EmbeddedS3Store store = EmbeddedS3Store.inMemory();
        S3Client s3 = S3ClientFactory.create(store.settings())) {
      s3.createBucket(b -> b.bucket("scenelift"));

      new StageChain(Optional.empty(), Map.of()).launcher()
          .launch(m, RunEnvironment.of(engine, s3, m.layout(), Optional.empty(), Optional.empty(), List.of()));
    }

    assertThat(engine.requests).hasSize(4).allSatisfy(r -> assertThat(r.environment())
        .containsEntry(JobEnv.PUBLIC_URL, "https://cog.example/cog/")
        .containsEntry(JobEnv.REQUEST_PAYER_SOURCE, "true"));
  }
}
