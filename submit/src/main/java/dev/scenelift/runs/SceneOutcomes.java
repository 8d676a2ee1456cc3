package dev.scenelift.runs;

import dev.scenelift.collection.CogSelection;
import dev.scenelift.collection.TileCollection;
import dev.scenelift.json.Json;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import dev.scenelift.marker.FailureRecord;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.marker.MarkerStore;
import dev.scenelift.store.S3Location;
import dev.scenelift.verdict.CloudVerdict;
import dev.scenelift.collection.Membership;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Reads each scene's outcome from the markers of the run's layout: cog-convert's marker means succeeded; otherwise the
 * first stage without a marker decides: its failure record means failed, a cloud verdict that leaves the scene out of
 * the run's COG selection (the research set by default) means excluded, nothing means pending. A few requests a
 * scene, run on the given executor.
 */
final class SceneOutcomes {
  private static final List<Stage> SCENE_STAGES = List.of(Stage.FETCH, Stage.FILTER, Stage.COG);

  private final S3Client s3;
  private final ExecutorService executor;

  SceneOutcomes(S3Client s3, ExecutorService executor) {
    this.s3 = s3;
    this.executor = executor;
  }

  List<SceneOutcome> of(RunManifest manifest) {
    MarkerStore markers = new MarkerStore(s3, manifest.layout());
    TileCollection converted = CogSelection.ofOptions(manifest.options()).collection();
    List<Future<SceneOutcome>> futures = new ArrayList<>();
    for (SceneEntry e : manifest.scenes()) {
      futures.add(executor.submit(() -> of(markers, manifest.layout(), converted, e.id())));
    }
    List<SceneOutcome> out = new ArrayList<>(futures.size());
    try {
      for (Future<SceneOutcome> f : futures) {
        out.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading markers", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read markers: " + e.getCause().getMessage(), e.getCause());
    }
    return out;
  }

  private SceneOutcome of(MarkerStore markers, KeyLayout layout, TileCollection converted, SceneId scene) {
    if (markers.isDone(Stage.COG, scene)) {
      return new SceneOutcome(scene, SceneOutcome.State.SUCCEEDED, Optional.of(Stage.COG), "");
    }
    for (Stage stage : SCENE_STAGES) {
      if (stage == Stage.COG || !markers.isDone(stage, scene)) {
        Optional<FailureRecord> failure = markers.failure(stage, scene);
        if (failure.isPresent()) {
          return new SceneOutcome(
              scene,
              SceneOutcome.State.FAILED,
              Optional.of(stage),
              failure.get().kind() + ": " + failure.get().message());
        }
        if (stage == Stage.COG) {
          Optional<Membership> membership = verdict(layout.cloudVerdict(scene)).map(v -> v.membership(converted));
          if (membership.isPresent() && !membership.get().member()) {
            return new SceneOutcome(
                scene, SceneOutcome.State.EXCLUDED, Optional.of(Stage.FILTER), membership.get().reason());
          }
        }
        return new SceneOutcome(scene, SceneOutcome.State.PENDING, Optional.of(stage), "");
      }
    }
    throw new IllegalStateException("unreachable");
  }

  private Optional<CloudVerdict> verdict(S3Location loc) {
    try {
      return Optional.of(
          Json.read(s3.getObjectAsBytes(b -> b.bucket(loc.bucket()).key(loc.key())).asByteArray(), CloudVerdict.class));
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
