package dev.scenelift.bundle;

import dev.scenelift.scene.Bundle;
import dev.scenelift.store.S3Location;
import dev.scenelift.store.StoredObject;
import dev.scenelift.store.StreamingUploader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Everything one attempt at a scene has started writing: the keys (so that a failed scene can be cleaned up), the
 * uploads still in flight, and the metadata XML that the scene's bundles repeat. Used by one thread.
 */
public final class SceneWrites {
  private final Set<S3Location> attempted = new LinkedHashSet<>();
  private final List<CompletableFuture<StoredObject>> uploads = new ArrayList<>();
  private byte[] metadata;
  private Bundle metadataFrom;

  void started(CompletableFuture<StoredObject> upload) {
    uploads.add(upload);
  }

  void attempting(S3Location target) {
    attempted.add(target);
  }

  /** Every key this attempt started to write, in order. */
  public List<S3Location> attempted() {
    return List.copyOf(attempted);
  }

  /** Whether an upload has already failed: there is no point reading further. */
  Optional<Throwable> firstFailure() {
    return uploads.stream()
        .filter(CompletableFuture::isCompletedExceptionally)
        .findFirst()
        .map(f -> f.handle((ok, e) -> e instanceof CompletionException && e.getCause() != null ? e.getCause() : e)
            .join());
  }

  /**
   * Waits for every upload; returns what was stored, in order.
   *
   * @throws IOException the first failure, once all uploads have finished
   */
  public List<StoredObject> awaitAll() throws IOException {
    List<StoredObject> stored = new ArrayList<>();
    IOException first = null;
    for (CompletableFuture<StoredObject> upload : uploads) {
      try {
        stored.add(StreamingUploader.await(upload));
      } catch (IOException e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (first != null) {
      throw first;
    }
    return stored;
  }

  /** Waits for every upload to finish, successful or not: before cleaning up after a failure. */
  public void awaitQuietly() {
    for (CompletableFuture<StoredObject> upload : uploads) {
      upload.handle((ok, e) -> null).join();
    }
  }

  /** True when this is the first copy of the metadata XML; false when it repeats an identical earlier copy. */
  boolean firstMetadata(Bundle bundle, byte[] xml) throws MetadataMismatch {
    if (metadata == null) {
      metadata = xml;
      metadataFrom = bundle;
      return true;
    }
    if (!Arrays.equals(metadata, xml)) {
      throw new MetadataMismatch(metadataFrom);
    }
    return false;
  }

  /** The metadata XML of a bundle differs from the copy an earlier bundle carried. */
  static final class MetadataMismatch extends Exception {
    final Bundle earlier;

    MetadataMismatch(Bundle earlier) {
      super("differs from the copy in the " + earlier + " bundle");
      this.earlier = earlier;
    }
  }
}
