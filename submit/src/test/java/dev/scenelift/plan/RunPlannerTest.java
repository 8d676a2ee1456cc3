package dev.scenelift.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenelift.batch.JobDependency;
import dev.scenelift.batch.JobDependency.DependencyType;
import dev.scenelift.batch.JobRequest;
import dev.scenelift.job.JobEnv;
import dev.scenelift.manifest.BundleSource;
import dev.scenelift.manifest.Md5List;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Sensor;
import dev.scenelift.scene.Stage;
import dev.scenelift.scene.Tile;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Location;
import dev.scenelift.testing.SharedData;
import dev.scenelift.testjobs.ListedCatalog;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

class RunPlannerTest {
  private static final Tile TILE = Tile.parse("h03v03");
  private static final KeyLayout LAYOUT = KeyLayout.inBucket("scenelift");
  private final RunPlanner planner =
      new RunPlanner(LAYOUT, TaskSizing.embedded(), Clock.fixed(Instant.parse("2026-11-24T05:30:00Z"), ZoneOffset.UTC));

  @Test
  void splitsScenesIntoArrayTasksWithAShortLastTask() throws Exception {
    RunPlan plan = planner.plan(request(OptionalInt.of(2)), new ListedCatalog(ListedCatalog.scenes(TILE, 5)));
    RunManifest m = plan.manifest();
    assertThat(m.split().taskCount()).isEqualTo(3);
    assertThat(m.scenesOf(0)).hasSize(2);
    assertThat(m.scenesOf(2)).hasSize(1).first().isEqualTo(m.scenes().get(4));
    assertThat(plan.jobs().jobs()).extracting(PlannedJob::arraySize).containsExactly(3, 3, 3, 0);
  }

  @Test
  void chainsTheStagesNToNAndIndexBuildOnTheWholeOfCogConvert() throws Exception {
    RunPlan plan = planner.plan(request(OptionalInt.of(2)), new ListedCatalog(ListedCatalog.scenes(TILE, 5)));
    assertThat(plan.jobs().jobs()).extracting(PlannedJob::stage)
        .containsExactly(Stage.FETCH, Stage.FILTER, Stage.COG, Stage.INDEX);
    assertThat(plan.jobs().job(Stage.FETCH).orElseThrow().dependsOn()).isEmpty();
    assertThat(plan.jobs().job(Stage.FILTER).orElseThrow().dependsOn())
        .containsExactly(new StageDependency(Stage.FETCH, DependencyType.N_TO_N));
    assertThat(plan.jobs().job(Stage.COG).orElseThrow().dependsOn())
        .containsExactly(new StageDependency(Stage.FILTER, DependencyType.N_TO_N));
    assertThat(plan.jobs().job(Stage.INDEX).orElseThrow().dependsOn())
        .containsExactly(new StageDependency(Stage.COG, DependencyType.WHOLE));
  }

  @Test
  void runThatFitsInOneTaskIsAChainOfPlainJobs() throws Exception {
    RunPlan plan = planner.plan(request(OptionalInt.of(5)), new ListedCatalog(ListedCatalog.scenes(TILE, 3)));
    assertThat(plan.jobs().jobs()).extracting(PlannedJob::arraySize).containsOnly(0);
    assertThat(plan.jobs().jobs()).flatExtracting(PlannedJob::dependsOn)
        .extracting(StageDependency::type).containsOnly(DependencyType.WHOLE);
  }

  @Test
  void emptySelectionPlansNoJobs() throws Exception {
    RunPlan plan = planner.plan(request(OptionalInt.empty()), new ListedCatalog(List.of()));
    assertThat(plan.jobs().isEmpty()).isTrue();
    assertThat(plan.manifest().scenes()).isEmpty();
  }

  @Test
  void embeddedDefaultIsOneScenePerTask() throws Exception {
    RunPlan plan = planner.plan(request(OptionalInt.empty()), new ListedCatalog(ListedCatalog.scenes(TILE, 7)));
    assertThat(plan.manifest().scenesPerTask()).isEqualTo(1);
    assertThat(plan.jobs().job(Stage.FETCH).orElseThrow().arraySize()).isEqualTo(7);
  }

  @Test
  void embeddedDefaultRaisesScenesPerTaskToStayWithinTenThousandTasks() throws Exception {
    RunPlan plan =
        planner.plan(request(OptionalInt.empty()),
            new ListedCatalog(ListedCatalog.scenes(TILE, 10_001, Sensor.LT05, LocalDate.of(1984, 1, 1), 1)));
    assertThat(plan.manifest().scenesPerTask()).isEqualTo(2);
    assertThat(plan.jobs().job(Stage.FETCH).orElseThrow().arraySize()).isEqualTo(5001);
  }

  @Test
  void rejectsAnExplicitSplitBeyondTenThousandTasksNamingTheFix() {
    ListedCatalog catalog =
        new ListedCatalog(ListedCatalog.scenes(TILE, 10_001, Sensor.LT05, LocalDate.of(1984, 1, 1), 1));
    assertThatThrownBy(() -> planner.plan(request(OptionalInt.of(1)), catalog))
        .isInstanceOf(PlanException.class)
        .hasMessageContaining("10001 tasks")
        .hasMessageContaining("--scenes-per-task 2 or more");
  }

  @Test
  void plansTheRealTileListOfTwoThousandThreeHundredFiftySevenScenes() throws Exception {
    RunPlan plan = planner.plan(request(OptionalInt.of(10)), realListCatalog());
    assertThat(plan.manifest().scenes()).hasSize(2357);
    assertThat(plan.jobs().job(Stage.FETCH).orElseThrow().arraySize()).isEqualTo(236);
    assertThat(plan.manifest().scenesOf(235)).hasSize(7);
  }

  @Test
  void selectsBySensorAndAcquisitionDatesThenLimits() throws Exception {
    List<SceneEntry> scenes = new ArrayList<>(ListedCatalog.scenes(TILE, 10));
    scenes.addAll(ListedCatalog.scenes(TILE, 3, Sensor.LE07, LocalDate.of(2013, 4, 20), 16));
    SceneSelection selection =
        new SceneSelection(
            Set.of(Sensor.LC08), Optional.of(LocalDate.of(2013, 5, 1)), Optional.of(LocalDate.of(2013, 8, 31)),
            OptionalInt.of(5));
    RunPlan plan = planner.plan(
        new RunRequest(TILE, "test:", selection, OptionalInt.empty(), Map.of()), new ListedCatalog(scenes));
    assertThat(plan.manifest().scenes()).extracting(e -> e.id().acquired())
        .containsExactly(LocalDate.of(2013, 5, 16), LocalDate.of(2013, 6, 1), LocalDate.of(2013, 6, 17),
            LocalDate.of(2013, 7, 3), LocalDate.of(2013, 7, 19));
    assertThat(plan.manifest().scenes()).extracting(e -> e.id().sensor()).containsOnly(Sensor.LC08);
  }

  @Test
  void mergesRowsNamingTheSameSceneAndDropsOtherTiles() throws Exception {
    SceneEntry full = ListedCatalog.scenes(TILE, 1).get(0);
    SceneEntry onlySr = full.withBundles(Set.of(Bundle.SR));
    SceneEntry onlyQa = full.withBundles(Set.of(Bundle.QA));
    SceneEntry otherTile = ListedCatalog.scenes(Tile.parse("h14v07"), 1).get(0);
    RunPlan plan = planner.plan(request(OptionalInt.empty()), new ListedCatalog(List.of(onlySr, otherTile, onlyQa)));
    assertThat(plan.manifest().scenes()).singleElement().satisfies(e -> {
      assertThat(e.id()).isEqualTo(full.id());
      assertThat(e.bundles()).extracting(BundleSource::bundle).containsExactlyInAnyOrder(Bundle.QA, Bundle.SR);
    });
  }

  @Test
  void writesTheManifestIntoTheStoreCreatingTheBucket() throws Exception {
    RunPlan plan = planner.plan(request(OptionalInt.of(2)), new ListedCatalog(ListedCatalog.scenes(TILE, 3)));
    try (EmbeddedS3Store store = EmbeddedS3Store.inMemory();
        S3Client s3 = S3ClientFactory.create(store.settings())) {
      Buckets.ensure(s3, "scenelift");
      Buckets.ensure(s3, "scenelift");
      S3Location loc = new ManifestStore(s3).write(plan.manifest());
      assertThat(loc.toString()).isEqualTo("s3://scenelift/runs/" + plan.runId() + "/manifest.json");
      assertThat(new ManifestStore(s3).read(loc)).isEqualTo(plan.manifest());
    }
  }

  @Test
  void jobRequestsCarryNamesEnvironmentAndResolvedDependencies() throws Exception {
    RunPlan plan = planner.plan(request(OptionalInt.of(2)), new ListedCatalog(ListedCatalog.scenes(TILE, 5)));
    S3Location manifest = LAYOUT.manifest(plan.runId());
    Map<String, String> storeEnv =
        JobRequests.storeEnvironment(
            dev.scenelift.store.S3Settings.compatible(URI.create("http://127.0.0.1:9999"), "k", "s"));
    JobRequests requests = new JobRequests(plan.manifest(), manifest, true, storeEnv);
    Map<Stage, String> ids = new LinkedHashMap<>();
    List<JobRequest> made = new ArrayList<>();
    for (PlannedJob job : plan.jobs().jobs()) {
      JobRequest r = requests.request(job, ids);
      made.add(r);
      ids.put(job.stage(), "id-" + job.stage().jobName());
    }
    assertThat(made).extracting(JobRequest::name).containsExactly(
        "scenelift-" + plan.runId() + "-fetch-scene", "scenelift-" + plan.runId() + "-cloud-filter",
        "scenelift-" + plan.runId() + "-cog-convert", "scenelift-" + plan.runId() + "-index-build");
    assertThat(made.get(1).dependsOn()).containsExactly(new JobDependency("id-fetch-scene", DependencyType.N_TO_N));
    assertThat(made.get(3).dependsOn()).containsExactly(new JobDependency("id-cog-convert", DependencyType.WHOLE));
    assertThat(made.get(0).environment())
        .containsEntry(JobEnv.RUN_ID, plan.runId())
        .containsEntry(JobEnv.MANIFEST, manifest.toString())
        .containsEntry(JobEnv.FORCE, "true")
        .containsEntry(JobEnv.S3_ENDPOINT, "http://127.0.0.1:9999")
        .containsEntry(JobEnv.S3_PATH_STYLE, "true")
        .containsEntry(JobEnv.S3_ACCESS_KEY_ID, "k");
    assertThat(made.get(0).tags()).containsEntry("scenelift:run-id", plan.runId());
    assertThat(made).extracting(JobRequest::attempts).containsOnly(JobRequests.ATTEMPTS);
  }

  private static RunRequest request(OptionalInt k) {
    return new RunRequest(TILE, "test:", SceneSelection.all(), k, Map.of());
  }

  private static ListedCatalog realListCatalog() throws Exception {
    List<Md5List.Entry> rows;
    try (Reader r = Files.newBufferedReader(SharedData.file("h03v03.md5_list"), StandardCharsets.UTF_8)) {
      rows = Md5List.parse(r, "h03v03.md5_list");
    }
    Map<SceneId, List<BundleSource>> byScene = new LinkedHashMap<>();
    for (Md5List.Entry row : rows) {
      byScene.computeIfAbsent(row.name().scene(), s -> new ArrayList<>())
          .add(new BundleSource(row.name().bundle(), URI.create("file:///nowhere/" + row.name()),
              Optional.of(row.md5()), -1));
    }
    List<SceneEntry> scenes = new ArrayList<>();
    byScene.forEach((id, bundles) -> scenes.add(new SceneEntry(id, bundles)));
    return new ListedCatalog(scenes);
  }
}
