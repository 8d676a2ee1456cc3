package dev.scenelift.submit;

import dev.scenelift.store.S3Reads;

import dev.scenelift.batch.JobState;
import dev.scenelift.collection.CogSelection;
import dev.scenelift.collection.CollectionRules;
import dev.scenelift.collection.TileCollection;
import dev.scenelift.index.CollectionPages;
import dev.scenelift.index.IndexPages;
import java.util.EnumMap;
import dev.scenelift.batch.JobStatus;
import dev.scenelift.job.ExitCodes;
import dev.scenelift.json.Json;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import dev.scenelift.marker.CompletionMarker;
import dev.scenelift.marker.FailureRecord;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.marker.MarkerStore;
import dev.scenelift.store.S3Location;
import dev.scenelift.verdict.CloudVerdict;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Derives a run's outcome from what the jobs left in the store: per stage and scene, a completion marker of this run
 * (done), of another run (skipped), a failure record (failed), or nothing (not processed). cog-convert leaves cloudy
 * scenes alone, so a scene without a cog-convert marker whose cloud verdict says cloudy is excluded, not missing.
 */
final class SummaryCollector {
  private static final List<Stage> SCENE_STAGES = List.of(Stage.FETCH, Stage.FILTER, Stage.COG);

  private final S3Client s3;
  private final MarkerStore markers;
  private final KeyLayout layout;
  private final Executor executor;

  SummaryCollector(S3Client s3, KeyLayout layout, Executor executor) {
    this.s3 = s3;
    this.markers = new MarkerStore(s3, layout);
    this.layout = layout;
    this.executor = executor;
  }

  /** What one scene left in one stage. */
  private record Outcome(Optional<CompletionMarker> marker, Optional<FailureRecord> failure, boolean cloudy) {}

  RunSummary collect(
      RunManifest manifest, Map<Stage, JobState> jobs, Duration elapsed, Path storeDir, String logs) {
    CogSelection selection = CogSelection.ofOptions(manifest.options());
    Map<SceneId, Map<Stage, CompletableFuture<Outcome>>> lookups = new LinkedHashMap<>();
    for (SceneEntry scene : manifest.scenes()) {
      Map<Stage, CompletableFuture<Outcome>> perStage = new LinkedHashMap<>();
      for (Stage stage : SCENE_STAGES) {
        perStage.put(stage, CompletableFuture.supplyAsync(() -> outcome(stage, scene.id(), selection), executor));
      }
      lookups.put(scene.id(), perStage);
    }
    List<RunSummary.StageSummary> stages = new ArrayList<>();
    for (Stage stage : SCENE_STAGES) {
      stages.add(stageSummary(manifest, stage, jobs.get(stage), lookups, storeDir));
    }
    stages.add(indexSummary(manifest, jobs.get(Stage.INDEX), storeDir));
    List<RunSummary.SceneFailure> failures = new ArrayList<>();
    lookups.forEach((scene, perStage) -> firstFailure(scene, perStage, jobs).ifPresent(failures::add));
    List<RunSummary.CollectionSummary> collections = collections(manifest, lookups, storeDir);
    boolean jobFailed = jobs.values().stream().anyMatch(s -> s.status() == JobStatus.FAILED);
    int exit = failures.isEmpty() && !jobFailed ? ExitCodes.OK : ExitCodes.SCENES_FAILED;
    return new RunSummary(
        manifest.runId(),
        manifest.tile(),
        manifest.source(),
        manifest.scenes().size(),
        elapsed.toMillis() / 1000.0,
        layout.manifest(manifest.runId()),
        logs,
        stages,
        failures,
        collections,
        exit);
  }

  /** Each collection's count of the run's scenes (from their verdicts) and its pages. */
  private List<RunSummary.CollectionSummary> collections(
      RunManifest manifest, Map<SceneId, Map<Stage, CompletableFuture<Outcome>>> lookups, Path storeDir) {
    CollectionRules rules = CollectionRules.fromOptions(manifest.options());
    List<CompletableFuture<Optional<CloudVerdict>>> verdicts = new ArrayList<>();
    for (SceneId scene : lookups.keySet()) {
      verdicts.add(
          CompletableFuture.supplyAsync(
              () -> read(layout.cloudVerdict(scene)).map(b -> Json.read(b, CloudVerdict.class)), executor));
    }
    Map<TileCollection, Integer> counts = new EnumMap<>(TileCollection.class);
    int fetched = 0;
    for (Map<Stage, CompletableFuture<Outcome>> perStage : lookups.values()) {
      fetched += perStage.get(Stage.FETCH).join().marker().isPresent() ? 1 : 0;
    }
    counts.put(TileCollection.FULL, fetched);
    for (CompletableFuture<Optional<CloudVerdict>> v : verdicts) {
      v.join().ifPresent(
          verdict -> {
            for (TileCollection c : List.of(TileCollection.CLOUD_FREE, TileCollection.COG_RESEARCH)) {
              if (verdict.membership(c).member()) {
                counts.merge(c, 1, Integer::sum);
              }
            }
          });
    }
    List<RunSummary.CollectionSummary> out = new ArrayList<>();
    for (CollectionPages p : IndexPages.collections(layout, manifest.tile())) {
      TileCollection c = p.collection();
      out.add(
          new RunSummary.CollectionSummary(
              c.id(),
              c.title(),
              rules.describe(c),
              counts.getOrDefault(c, 0),
              layout.tileDir(c.root(layout), manifest.tile()).toString(),
              p.thumbIndex().toString(),
              p.listing().toString(),
              p.map().toString(),
              storeDir == null ? "" : file(storeDir, p.thumbIndex()),
              storeDir == null ? "" : file(storeDir, p.listing()),
              storeDir == null ? "" : file(storeDir, p.map())));
    }
    return out;
  }

  private static String file(Path storeDir, S3Location loc) {
    return storeDir.resolve(loc.bucket()).resolve(loc.key()).toUri().toString();
  }

  private Outcome outcome(Stage stage, SceneId scene, CogSelection selection) {
    Optional<CompletionMarker> marker = markers.marker(stage, scene);
    if (marker.isPresent()) {
      return new Outcome(marker, Optional.empty(), false);
    }
    Optional<FailureRecord> failure = markers.failure(stage, scene);
    boolean cloudy =
        stage == Stage.COG
            && failure.isEmpty()
            && read(layout.cloudVerdict(scene))
                .map(b -> !Json.read(b, CloudVerdict.class).membership(selection.collection()).member())
                .orElse(false);
    return new Outcome(marker, failure, cloudy);
  }

  private RunSummary.StageSummary stageSummary(
      RunManifest manifest,
      Stage stage,
      JobState job,
      Map<SceneId, Map<Stage, CompletableFuture<Outcome>>> lookups,
      Path storeDir) {
    int done = 0;
    int skipped = 0;
    int failed = 0;
    int excluded = 0;
    int missing = 0;
    long bytes = 0;
    Instant first = null;
    Instant last = null;
    for (Map<Stage, CompletableFuture<Outcome>> perStage : lookups.values()) {
      Outcome o = perStage.get(stage).join();
      if (o.marker().isPresent()) {
        CompletionMarker m = o.marker().get();
        if (manifest.runId().equals(m.runId())) {
          done++;
          bytes += m.bytes();
          first = first == null || m.started().isBefore(first) ? m.started() : first;
          last = last == null || m.finished().isAfter(last) ? m.finished() : last;
        } else {
          skipped++;
        }
      } else if (o.failure().isPresent()) {
        failed++;
      } else if (o.cloudy()) {
        excluded++;
      } else {
        missing++;
      }
    }
    double seconds = first == null ? 0 : Duration.between(first, last).toMillis() / 1000.0;
    S3Location out = layout.tileDir(layout.rootOf(stage), manifest.tile());
    return new RunSummary.StageSummary(
        stage.jobName(),
        status(job),
        done,
        skipped,
        failed,
        excluded,
        missing,
        bytes,
        seconds,
        Sizes.megabytesPerSecond(bytes, seconds),
        out.toString(),
        storePath(storeDir, out));
  }

  private RunSummary.StageSummary indexSummary(RunManifest manifest, JobState job, Path storeDir) {
    S3Location out = layout.tileDir(layout.rootOf(Stage.INDEX), manifest.tile());
    boolean ok = job != null && job.status() == JobStatus.SUCCEEDED;
    boolean failed = job != null && job.status() == JobStatus.FAILED;
    return new RunSummary.StageSummary(
        Stage.INDEX.jobName(),
        status(job),
        ok ? 1 : 0,
        0,
        failed ? 1 : 0,
        0,
        job == null || ok || failed ? 0 : 1,
        0,
        0,
        0,
        out.toString(),
        storePath(storeDir, out));
  }

  private static Optional<RunSummary.SceneFailure> firstFailure(
      SceneId scene, Map<Stage, CompletableFuture<Outcome>> perStage, Map<Stage, JobState> jobs) {
    for (Stage stage : SCENE_STAGES) {
      Outcome o = perStage.get(stage).join();
      if (o.marker().isPresent()) {
        continue;
      }
      if (o.failure().isPresent()) {
        return Optional.of(new RunSummary.SceneFailure(scene, stage.jobName(), o.failure().get().message()));
      }
      if (o.cloudy()) {
        return Optional.empty();
      }
      JobState job = jobs.get(stage);
      String why =
          job != null && job.reason() != null
              ? "not processed (job " + job.name() + " failed: " + job.reason() + ")"
              : "not processed";
      return Optional.of(new RunSummary.SceneFailure(scene, stage.jobName(), why));
    }
    return Optional.empty();
  }

  private static String status(JobState job) {
    return job == null ? "NOT_SUBMITTED" : job.status().name();
  }

  private static String storePath(Path storeDir, S3Location location) {
    return storeDir.resolve(location.bucket()).resolve(location.key()) + "/";
  }

  private Optional<byte[]> read(S3Location loc) {
    return S3Reads.bytesIfPresent(s3, loc);
  }
}
