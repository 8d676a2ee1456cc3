package dev.scenelift.bundle;

import dev.scenelift.manifest.BundleSource;
import dev.scenelift.scene.SceneException;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import dev.scenelift.source.BundleOpener;
import dev.scenelift.source.SourceUnavailableException;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;
import dev.scenelift.store.StreamingUploader;
import dev.scenelift.store.UploadFailedException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Streams one bundle from its source into S3, entry by entry, with nothing on local disk: the source's bytes are read
 * once, hashed (md5) as they pass, un-gzipped when they start with gzip's magic bytes, and split into tar entries,
 * each uploaded to {@link KeyLayout#rawObject} as it streams. The scene's metadata XML, which every bundle repeats, is
 * stored once at {@link KeyLayout#metadataXml}; repeats must be identical.
 *
 * <p>Uploads may still be in flight when {@link #stream} returns; {@link SceneWrites#awaitAll()} waits for them.
 */
public final class BundleStreamer {
  /**
   * A gzip bundle with a listed size may expand to at most this many times that size (gzip itself tops out near
   * 1032:1): a decompression bomb is refused after reading a bounded amount, long before the absolute limit.
   */
  static final long MAX_GZIP_RATIO = 200;

  private static final Stage STAGE = Stage.FETCH;
  private static final int READ_BUFFER = 256 * 1024;

  private final BundleOpener opener;
  private final StreamingUploader uploader;
  private final KeyLayout layout;
  private final BundleLimits limits;

  public BundleStreamer(BundleOpener opener, StreamingUploader uploader, KeyLayout layout, BundleLimits limits) {
    this.opener = Objects.requireNonNull(opener, "opener");
    this.uploader = Objects.requireNonNull(uploader, "uploader");
    this.layout = Objects.requireNonNull(layout, "layout");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * Streams one bundle of a scene, recording every key it starts writing in {@code writes}.
   *
   * @throws Md5MismatchException when the bytes do not hash to the listed md5
   * @throws BundleCorruptException for a truncated or corrupt archive
   * @throws UnsafeEntryException for an entry that must not be unpacked
   * @throws BundleTooLargeException for more bytes than listed or allowed
   * @throws SourceFailedException when the source cannot be read
   * @throws StoreFailedException when an upload failed
   */
  public BundleResult stream(SceneId scene, BundleSource source, SceneWrites writes) throws SceneException {
    String what = source.bundle() + " bundle " + source.fileName();
    try (InputStream opened = opener.open(source)) {
      return read(scene, source, opened, writes);
    } catch (SceneException e) {
      throw e;
    } catch (UploadFailedException e) {
      throw new StoreFailedException(scene, STAGE, what + ": " + e.getMessage(), e);
    } catch (SourceUnavailableException e) {
      throw new SourceFailedException(scene, STAGE, e.getMessage(), e);
    } catch (SourceReadException e) {
      throw new SourceFailedException(scene, STAGE, "cannot read " + source.uri() + ": " + e.getMessage(), e);
    } catch (LimitExceededException e) {
      throw new BundleTooLargeException(scene, STAGE, what + " refused: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new BundleCorruptException(
          scene, STAGE, what + " is truncated or corrupt: " + Digests.describe(e), e);
    }
  }

  private BundleResult read(SceneId scene, BundleSource source, InputStream opened, SceneWrites writes)
      throws IOException, SceneException {
    long rawLimit = source.knownSize().orElse(limits.maxBundleBytes());
    CountingInputStream raw =
        new CountingInputStream(
            new SourceInputStream(opened),
            rawLimit,
            source.knownSize().isPresent() ? "the bundle is listed as " + rawLimit + " bytes" : "bundle size limit");
    MessageDigest md5 = Digests.md5();
    InputStream hashed = new BufferedInputStream(new DigestInputStream(raw, md5), READ_BUFFER);
    boolean gzip = startsWithGzipMagic(hashed);
    String head = printableHead(hashed);
    long expandedLimit = limits.maxExpandedBytes();
    String expandedWhat = "expanded size limit of a gzip bundle";
    if (source.knownSize().isPresent() && rawLimit <= limits.maxExpandedBytes() / MAX_GZIP_RATIO) {
      expandedLimit = rawLimit * MAX_GZIP_RATIO;
      expandedWhat = "expanded size limit of a gzip bundle (" + MAX_GZIP_RATIO + " times its listed size)";
    }
    InputStream archive =
        gzip ? new CountingInputStream(new GzipCompressorInputStream(hashed, true), expandedLimit, expandedWhat) : hashed;
    int entries;
    try (TarArchiveInputStream tar = new ChecksummedTarInputStream(archive)) {
      entries = readEntries(scene, source, tar, writes);
      if (!drainZeros(archive)) {
        throw new BundleCorruptException(
            scene,
            STAGE,
            source.bundle() + " bundle " + source.fileName()
                + " is corrupt: data after the end of the archive (a damaged header?)",
            null);
      }
      drain(hashed);
    }
    String actual = HexFormat.of().formatHex(md5.digest());
    String what = source.bundle() + " bundle " + source.fileName();
    if (source.knownSize().isPresent() && raw.count() != source.size()) {
      throw new BundleCorruptException(
          scene, STAGE, what + " is truncated: " + raw.count() + " of " + source.size() + " listed bytes", null);
    }
    Optional<String> expected = source.md5();
    if (expected.isPresent() && !expected.get().equals(actual)) {
      throw new Md5MismatchException(
          scene, STAGE, what + ": md5 " + actual + " does not match the listed " + expected.get(), null);
    }
    if (entries == 0) { // an empty bundle, or an error page saved under the bundle's name: never "done, 0 files"
      throw new BundleCorruptException(
          scene,
          STAGE,
          what
              + (raw.count() == 0
                  ? " is empty (0 bytes)"
                  : " holds no files: not a tar archive, it starts with '" + head + "'"),
          null);
    }
    return new BundleResult(source.bundle(), actual, raw.count(), entries, gzip);
  }

  /** The first bytes, as text for an error message: printable ASCII kept, the rest shown as '.'. */
  private static String printableHead(InputStream in) throws IOException {
    in.mark(40);
    byte[] head = in.readNBytes(40);
    in.reset();
    StringBuilder text = new StringBuilder();
    for (byte b : head) {
      text.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
    }
    return text.toString();
  }

  private int readEntries(SceneId scene, BundleSource source, TarArchiveInputStream tar, SceneWrites writes)
      throws IOException, SceneException {
    String what = source.bundle() + " bundle " + source.fileName();
    String metadataName = scene + ".xml";
    Set<String> seen = new HashSet<>();
    int files = 0;
    int count = 0;
    TarArchiveEntry entry;
    while ((entry = tar.getNextEntry()) != null) {
      if (++count > limits.maxEntries()) {
        throw new BundleTooLargeException(
            scene, STAGE, what + " refused: more than " + limits.maxEntries() + " entries", null);
      }
      Optional<String> name;
      try {
        name = EntryNames.fileName(entry);
      } catch (EntryNames.Rejected e) {
        throw new UnsafeEntryException(scene, STAGE, what + ": " + e.getMessage(), e);
      }
      if (name.isEmpty()) {
        continue;
      }
      String file = name.get();
      if (!seen.add(file)) {
        throw new UnsafeEntryException(scene, STAGE, what + ": entry '" + file + "' appears twice", null);
      }
      long size = entry.getSize();
      if (size > limits.maxExpandedBytes()) {
        throw new BundleTooLargeException(
            scene,
            STAGE,
            what + " refused: entry '" + file + "' declares " + size + " bytes, over the limit of "
                + limits.maxExpandedBytes(),
            null);
      }
      Optional<Throwable> failed = writes.firstFailure();
      if (failed.isPresent()) {
        throw new StoreFailedException(scene, STAGE, what + ": " + failed.get().getMessage(), failed.get());
      }
      files++;
      if (file.equals(metadataName)) {
        metadata(scene, source, tar, size, writes);
      } else {
        S3Location target = layout.rawObject(scene, source.bundle(), file);
        writes.attempting(target);
        writes.started(uploader.start(tar, size, target));
      }
    }
    return files;
  }

  private void metadata(SceneId scene, BundleSource source, InputStream tar, long size, SceneWrites writes)
      throws IOException, SceneException {
    if (size > limits.maxMetadataBytes()) {
      throw new BundleTooLargeException(
          scene, STAGE, "metadata XML of " + size + " bytes is over the limit of " + limits.maxMetadataBytes(), null);
    }
    byte[] xml = tar.readNBytes((int) size);
    if (xml.length != size) {
      throw new BundleCorruptException(
          scene, STAGE, source.bundle() + " bundle " + source.fileName() + " is truncated in " + scene + ".xml", null);
    }
    try {
      if (writes.firstMetadata(source.bundle(), xml)) {
        S3Location target = layout.metadataXml(layout.raw(), scene);
        writes.attempting(target);
        writes.started(uploader.start(new ByteArrayInputStream(xml), xml.length, target));
      }
    } catch (SceneWrites.MetadataMismatch e) {
      throw new BundleCorruptException(
          scene,
          STAGE,
          source.bundle() + " bundle " + source.fileName() + ": " + scene + ".xml " + e.getMessage(),
          e);
    }
  }

  private static boolean startsWithGzipMagic(InputStream in) throws IOException {
    in.mark(2);
    int first = in.read();
    int second = in.read();
    in.reset();
    return first == 0x1f && second == 0x8b;
  }

  /** Reads to the end; true when everything left was zero (tar's end-of-archive records and padding). */
  private static boolean drainZeros(InputStream in) throws IOException {
    byte[] rest = new byte[64 * 1024];
    boolean zeros = true;
    int n;
    while ((n = in.read(rest)) >= 0) {
      for (int i = 0; i < n && zeros; i++) {
        zeros = rest[i] == 0;
      }
    }
    return zeros;
  }

  private static void drain(InputStream in) throws IOException {
    byte[] skip = new byte[64 * 1024];
    while (in.read(skip) >= 0) {
      // the rest (tar end-of-archive records, padding) counts towards the md5 and the size
    }
  }


}
