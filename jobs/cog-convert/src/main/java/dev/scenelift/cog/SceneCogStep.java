package dev.scenelift.cog;

import dev.scenelift.collection.CogSelection;
import dev.scenelift.collection.Membership;
import dev.scenelift.gdal.GdalException;
import dev.scenelift.json.Json;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneException;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import dev.scenelift.marker.CompletionMarker;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.marker.MarkerStore;
import dev.scenelift.store.S3Location;
import dev.scenelift.store.StoredObject;
import dev.scenelift.verdict.CloudVerdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Makes the COGs of one scene: picks the scene (marker, cloud verdict), finds its band GeoTIFFs, converts (or copies,
 * when already a valid COG) each band on the band executor, validates, uploads, copies the XML, and writes the
 * completion marker last. On failure it removes what this attempt uploaded.
 */
final class SceneCogStep {
  private final SceneObjects objects;
  private final CogUploader uploader;
  private final MarkerStore markers;
  private final KeyLayout layout;
  private final CogSettings settings;
  private final CogConverter converter;
  private final ExecutorService bands;
  private final Path tempRoot;
  private final String runId;
  private final int attempt;
  private final CogValidator validator = new CogValidator(true);

  SceneCogStep(
      SceneObjects objects,
      CogUploader uploader,
      MarkerStore markers,
      KeyLayout layout,
      CogSettings settings,
      CogConverter converter,
      ExecutorService bands,
      Path tempRoot,
      String runId,
      int attempt) {
    this.objects = objects;
    this.uploader = uploader;
    this.markers = markers;
    this.layout = layout;
    this.settings = settings;
    this.converter = converter;
    this.bands = bands;
    this.tempRoot = tempRoot;
    this.runId = runId;
    this.attempt = attempt;
  }

  /** What happened to a scene that did not fail: {@code converted} false when it was skipped or its COGs removed. */
  record Outcome(SceneId scene, boolean converted, String message) {}

  Outcome convert(SceneId scene) throws SceneException {
    Instant started = Instant.now();
    Optional<String> unselected = unselectedReason(scene);
    if (unselected.isPresent()) {
      int removed = removeCogs(scene);
      String why = "not in the " + settings.selection().phrase() + ": " + unselected.get();
      return new Outcome(
          scene, false, removed > 0 ? "removed " + removed + " objects of its COGs (" + why + ")" : "skipped (" + why + ")");
    }
    boolean done = markers.isDone(Stage.COG, scene);
    if (done && !settings.force()) {
      return new Outcome(scene, false, "skipped (already converted)");
    }
    if (done) {
      markers.clearDone(Stage.COG, scene);
    }
    List<S3Object> listing = objects.list(layout.sceneDir(layout.raw(), scene));
    List<BandInput> inputs = plan(scene, listing);
    S3Location xml = layout.metadataXml(layout.raw(), scene);
    Optional<S3Object> xmlObject = listing.stream().filter(o -> o.key().equals(xml.key())).findFirst();
    if (xmlObject.isEmpty()) {
      throw new SceneNotReadyException(scene, "metadata XML " + xml + " is missing", null);
    }

    List<StoredObject> written = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger copied = new AtomicInteger();
    Path dir = null;
    try {
      deleteLeftovers(scene);
      dir = Files.createTempDirectory(tempRoot, "cog-" + scene + "-");
      runBands(scene, inputs, dir, written, copied);
      written.add(objects.copy(xml, layout.metadataXml(layout.cog(), scene), xmlObject.get().size()));
      List<StoredObject> outputs = new ArrayList<>(written);
      outputs.sort(Comparator.comparing(StoredObject::key));
      Instant finished = Instant.now();
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("profile", settings.profile().name());
      settings.profile().level().ifPresent(l -> details.put("level", l));
      details.put("bands", inputs.size());
      details.put("copied", copied.get());
      details.put("seconds", Duration.between(started, finished).toMillis() / 1000.0);
      markers.markDone(
          new CompletionMarker(
              scene,
              Stage.COG,
              runId,
              outputs,
              Map.of(),
              layout.sceneDir(layout.raw(), scene).toString(),
              started,
              finished,
              attempt,
              CogConvertJob.version(),
              details));
      return new Outcome(
          scene,
          true,
          String.format(
              "converted %d bands (%d copied as already valid COGs) in %.1f s",
              inputs.size(), copied.get(), Duration.between(started, finished).toMillis() / 1000.0));
    } catch (SceneException e) {
      removeAll(written);
      throw e;
    } catch (IOException | RuntimeException e) {
      removeAll(written);
      throw new CogConvertException(scene, describe(e), e);
    } finally {
      if (dir != null) {
        deleteTree(dir);
      }
    }
  }

  /** Why the scene is not selected, from its cloud verdict; empty when it is (always with {@code --cog all}). */
  private Optional<String> unselectedReason(SceneId scene) throws SceneException {
    if (settings.selection() == CogSelection.ALL) {
      return Optional.empty();
    }
    S3Location at = layout.cloudVerdict(scene);
    byte[] json =
        objects
            .read(at)
            .orElseThrow(
                () -> new SceneNotReadyException(scene, "not ready: no cloud verdict at " + at + " (run cloud-filter first, or use --cog all)", null));
    CloudVerdict verdict;
    try {
      verdict = Json.read(json, CloudVerdict.class);
    } catch (UncheckedIOException e) {
      throw new SceneNotReadyException(scene, "cloud verdict " + at + " is unreadable: " + e.getMessage(), e);
    }
    Membership m = verdict.membership(settings.selection().collection());
    return m.member() ? Optional.empty() : Optional.of(m.reason());
  }

  /**
   * Removes the COG tree of a scene that is no longer selected (a rerun with a stricter rule): its COGs, XML copy and
   * marker, marker first, so that a scene is never done without its COGs. Index documents next to them go too; the
   * next index-build drops the scene from the collection's pages.
   */
  private int removeCogs(SceneId scene) {
    List<S3Object> left = objects.list(layout.sceneDir(layout.cog(), scene));
    if (left.isEmpty()) {
      return 0;
    }
    markers.clearDone(Stage.COG, scene);
    for (S3Object o : left) {
      objects.delete(new S3Location(layout.cog().bucket(), o.key()));
    }
    return left.size();
  }

  /** The band GeoTIFFs of the selected bundles, in key order. */
  private List<BandInput> plan(SceneId scene, List<S3Object> listing) throws SceneException {
    S3Location sceneDir = layout.sceneDir(layout.raw(), scene);
    List<BandInput> out = new ArrayList<>();
    Set<Bundle> present = EnumSet.noneOf(Bundle.class);
    for (S3Object o : listing) {
      String[] parts = new S3Location(sceneDir.bucket(), o.key()).relativeTo(sceneDir).split("/");
      if (parts.length != 2 || !BandInput.isGeoTiff(parts[1])) {
        continue;
      }
      Bundle bundle;
      try {
        bundle = Bundle.parse(parts[0]);
      } catch (IllegalArgumentException e) {
        continue;
      }
      present.add(bundle);
      if (settings.bundles().isEmpty() || settings.bundles().contains(bundle)) {
        out.add(new BandInput(bundle, parts[1], new S3Location(sceneDir.bucket(), o.key()), o.size()));
      }
    }
    for (Bundle wanted : settings.bundles()) {
      if (!present.contains(wanted)) {
        throw new SceneNotReadyException(
            scene, "bundle " + wanted + " has no GeoTIFFs under " + sceneDir.resolve(wanted + "/"), null);
      }
    }
    if (out.isEmpty()) {
      throw new SceneNotReadyException(scene, "no band GeoTIFFs under " + sceneDir + " (was it fetched?)", null);
    }
    return out;
  }

  private void runBands(
      SceneId scene, List<BandInput> inputs, Path dir, List<StoredObject> written, AtomicInteger copied)
      throws SceneException, IOException {
    AtomicBoolean abort = new AtomicBoolean();
    List<Future<StoredObject>> futures = new ArrayList<>();
    for (BandInput in : inputs) {
      futures.add(
          bands.submit(
              () -> {
                if (abort.get()) {
                  return null;
                }
                try {
                  return band(scene, in, dir, written, copied);
                } catch (Exception | Error e) {
                  abort.set(true);
                  throw e;
                }
              }));
    }
    Throwable first = null;
    for (Future<StoredObject> f : futures) {
      try {
        f.get();
      } catch (ExecutionException e) {
        first = first == null ? e.getCause() : first;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        abort.set(true);
        first = first == null ? e : first;
      }
    }
    if (first instanceof SceneException se) {
      throw se;
    } else if (first instanceof IOException ioe) {
      throw ioe;
    } else if (first instanceof RuntimeException re) {
      throw re;
    } else if (first != null) {
      throw new CogConvertException(scene, describe(first), first);
    }
  }

  private StoredObject band(
      SceneId scene, BandInput in, Path dir, List<StoredObject> written, AtomicInteger copied)
      throws SceneException, IOException {
    S3Location out = layout.cogObject(scene, in.bundle(), in.outputName());
    if (!settings.recompress()) {
      CogValidation existing;
      try (S3ByteSource remote = new S3ByteSource(objects.client(), in.location(), in.size())) {
        existing = validator.validate(remote);
      }
      if (existing.isValid()) {
        StoredObject o = objects.copy(in.location(), out, in.size());
        written.add(o);
        copied.incrementAndGet();
        return o;
      }
    }
    Path local = dir.resolve(in.bundle() + "-" + in.fileName());
    Path cog = dir.resolve(in.bundle() + "-cog-" + in.outputName());
    try {
      objects.download(in.location(), local);
      checkReadable(scene, in, local);
      try {
        converter.convert(local.toString(), cog, in.kind());
      } catch (GdalException e) {
        throw new InputCorruptException(scene, in.label() + ": GDAL cannot convert it: " + e.getMessage(), e);
      }
      Files.deleteIfExists(local);
      CogValidation v;
      try (LocalByteSource s = new LocalByteSource(cog)) {
        v = validator.validate(s);
      }
      if (!v.isValid()) {
        throw new CogInvalidException(scene, in.label() + " became an invalid COG: " + v.summary(), null);
      }
      StoredObject o = uploader.upload(cog, out);
      written.add(o);
      return o;
    } finally {
      Files.deleteIfExists(local);
      Files.deleteIfExists(cog);
    }
  }

  /** Fails early, with a message naming the problem, on bytes that are not a complete TIFF. */
  private static void checkReadable(SceneId scene, BandInput in, Path local) throws SceneException, IOException {
    try (LocalByteSource s = new LocalByteSource(local)) {
      TiffStructure tiff = TiffStructure.read(s);
      for (TiffImage image : tiff.images()) {
        for (int i = 0; i < image.blockOffsets().length; i++) {
          long end = image.blockOffsets()[i] + image.blockByteCounts()[i];
          if (end > tiff.fileSize()) {
            throw new InputCorruptException(
                scene,
                in.label()
                    + " is truncated: block "
                    + i
                    + " ends at byte "
                    + end
                    + " but the file has "
                    + tiff.fileSize()
                    + " bytes",
                null);
          }
        }
      }
    } catch (TiffFormatException e) {
      throw new InputCorruptException(scene, in.label() + " is not a readable GeoTIFF: " + e.getMessage(), e);
    }
  }

  private void removeAll(List<StoredObject> written) {
    List<StoredObject> copy;
    synchronized (written) {
      copy = new ArrayList<>(written);
    }
    for (StoredObject o : copy) {
      try {
        objects.delete(new S3Location(layout.cog().bucket(), o.key()));
      } catch (SdkException e) {
        // best effort: no marker is written, so a rerun redoes and overwrites the scene
      }
    }
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return (m == null || m.isBlank() ? e.getClass().getSimpleName() : m).lines().findFirst().orElse("");
  }

  /**
   * Removes the temp directories of this scene an earlier attempt left when it was killed (SIGKILL skips the {@code
   * finally} that deletes them); one attempt at a time owns a scene.
   */
  private void deleteLeftovers(SceneId scene) throws IOException {
    try (Stream<Path> stale = Files.list(tempRoot)) {
      stale
          .filter(p -> p.getFileName().toString().startsWith("cog-" + scene + "-") && Files.isDirectory(p))
          .forEach(SceneCogStep::deleteTree);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // left for the OS's temp cleaner; reported by the tests' no-temp-files check
                }
              });
    } catch (IOException e) {
      // the directory is already gone
    }
  }
}
