package dev.scenelift.fetch;

import dev.scenelift.bundle.BundleResult;
import dev.scenelift.bundle.BundleStreamer;
import dev.scenelift.bundle.SceneWrites;
import dev.scenelift.bundle.StoreFailedException;
import dev.scenelift.manifest.BundleSource;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.SceneException;
import dev.scenelift.scene.Stage;
import dev.scenelift.marker.CompletionMarker;
import dev.scenelift.store.StoredObject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fetches every bundle of one scene and describes the result as its completion marker (which it does not write). */
final class SceneFetcher {
  private final BundleStreamer streamer;
  private final Clock clock;

  SceneFetcher(BundleStreamer streamer, Clock clock) {
    this.streamer = streamer;
    this.clock = clock;
  }

  CompletionMarker fetch(SceneEntry scene, FetchRun run, SceneWrites writes) throws SceneException {
    if (scene.bundles().isEmpty()) {
      throw new SceneException(scene.id(), Stage.FETCH, "the manifest lists no bundles for this scene");
    }
    Instant started = clock.instant();
    List<BundleResult> results = new ArrayList<>();
    for (BundleSource bundle : scene.bundles()) {
      results.add(streamer.stream(scene.id(), bundle, writes));
    }
    List<StoredObject> stored;
    try {
      stored = new ArrayList<>(writes.awaitAll());
    } catch (IOException e) {
      throw new StoreFailedException(scene.id(), Stage.FETCH, e.getMessage(), e);
    }
    stored.sort(Comparator.comparing(StoredObject::key));
    Instant finished = clock.instant();

    Map<String, String> checksums = new LinkedHashMap<>();
    Map<String, Object> sources = new LinkedHashMap<>();
    long bytes = 0;
    for (int i = 0; i < results.size(); i++) {
      BundleResult result = results.get(i);
      checksums.put(result.bundle() + ".md5", result.md5());
      sources.put(result.bundle().name(), scene.bundles().get(i).uri().toString());
      bytes += result.bytes();
    }
    double seconds = Math.max(Duration.between(started, finished).toMillis(), 1) / 1000.0;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("bundleBytes", bytes);
    details.put("seconds", seconds);
    details.put("mbPerSecond", Math.round(bytes / 1e6 / seconds * 10) / 10.0);
    details.put("bundleSources", sources);
    return new CompletionMarker(
        scene.id(),
        Stage.FETCH,
        run.runId(),
        stored,
        checksums,
        run.source(),
        started,
        finished,
        run.attempt(),
        ToolVersion.get(),
        details);
  }
}
