package dev.scenelift.fetch;

import dev.scenelift.bundle.BundleResult;
import dev.scenelift.bundle.BundleStreamer;
import dev.scenelift.bundle.FileResult;
import dev.scenelift.bundle.FileStreamer;
import dev.scenelift.bundle.SceneWrites;
import dev.scenelift.bundle.ServerSideCopier;
import dev.scenelift.bundle.StoreFailedException;
import dev.scenelift.manifest.BundleSource;
import dev.scenelift.manifest.CopyMode;
import dev.scenelift.manifest.FileSource;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.marker.CompletionMarker;
import dev.scenelift.scene.SceneException;
import dev.scenelift.scene.Stage;
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

/**
 * Fetches every bundle (tar) and single file of one scene and describes the result as its completion marker (which it
 * does not write). Single {@code s3:} files are copied inside S3 when the run's {@link CopyMode} says so; the marker
 * says when they were read (or copied) as requester, the payer USGS's buckets require.
 */
final class SceneFetcher {
  private final BundleStreamer streamer;
  private final FileStreamer files;
  private final ServerSideCopier copier;
  private final CopyMode copyMode;
  private final boolean requesterPays;
  private final Clock clock;

  SceneFetcher(
      BundleStreamer streamer, FileStreamer files, ServerSideCopier copier, CopyMode copyMode, boolean requesterPays,
      Clock clock) {
    this.streamer = streamer;
    this.files = files;
    this.copier = copier;
    this.copyMode = copyMode;
    this.requesterPays = requesterPays;
    this.clock = clock;
  }

  CompletionMarker fetch(SceneEntry scene, FetchRun run, SceneWrites writes) throws SceneException {
    if (scene.sourceProblem().isPresent()) {
      throw new SourceDescriptionException(scene.id(), scene.sourceProblem().get());
    }
    if (scene.bundles().isEmpty() && scene.files().isEmpty()) {
      throw new SceneException(scene.id(), Stage.FETCH, "the manifest lists no bundles or files for this scene");
    }
    Instant started = clock.instant();
    List<BundleResult> results = new ArrayList<>();
    for (BundleSource bundle : scene.bundles()) {
      results.add(streamer.stream(scene.id(), bundle, writes));
    }
    List<FileResult> fileResults = new ArrayList<>();
    for (FileSource file : scene.files()) {
      boolean copy = copyMode == CopyMode.SERVER_SIDE && file.isS3();
      fileResults.add(copy ? copier.copy(scene.id(), file, writes) : files.stream(scene.id(), file, writes));
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
    Map<String, Object> verified = new LinkedHashMap<>();
    Map<String, Object> fileSources = new LinkedHashMap<>();
    long copiedBytes = 0;
    for (FileResult r : fileResults) {
      verified.put(r.key(), r.verified());
      fileSources.put(r.key(), r.source().uri().toString());
      r.source().checksum().ifPresent(c -> checksums.put(r.source().name() + "." + c.algorithm(), c.hex()));
      if (r.serverSideCopy()) {
        copiedBytes += r.bytes();
      } else {
        bytes += r.bytes();
      }
    }
    double seconds = Math.max(Duration.between(started, finished).toMillis(), 1) / 1000.0;
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("bundleBytes", bytes + copiedBytes);
    details.put("seconds", seconds);
    details.put("mbPerSecond", Math.round(bytes / 1e6 / seconds * 10) / 10.0);
    if (!sources.isEmpty()) {
      details.put("bundleSources", sources);
    }
    if (!fileResults.isEmpty()) {
      details.put("fileSources", fileSources);
      details.put("verified", verified);
      details.put("copyMode", copyMode.toString());
      details.put("serverSideCopiedBytes", copiedBytes);
      if (scene.files().stream().anyMatch(FileSource::isS3)) {
        details.put("s3RequestPayer", requesterPays ? "requester" : "bucket owner");
      }
    }
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
