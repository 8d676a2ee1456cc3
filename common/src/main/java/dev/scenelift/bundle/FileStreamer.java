package dev.scenelift.bundle;

import dev.scenelift.manifest.FileSource;
import dev.scenelift.scene.SceneException;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import dev.scenelift.source.FileOpener;
import dev.scenelift.source.SourceBody;
import dev.scenelift.source.SourceUnavailableException;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;
import dev.scenelift.store.StreamingUploader;
import dev.scenelift.store.UploadFailedException;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Streams one single source file (not a tar) into the raw tree, verifying what the source lets us verify as the bytes
 * pass: the size (the catalog's {@code file:size}, and what the source announced), the checksum the catalog lists
 * ({@code file:checksum}), and for {@code s3:} sources an ETag that is the md5 of the bytes (a single-part upload's).
 * The scene's metadata XML ({@code <id>.xml}) goes to {@link KeyLayout#metadataXml}, every other file to {@code
 * <bundle>/<name>}.
 *
 * <p>Uploads may still be in flight when {@link #stream} returns; {@link SceneWrites#awaitAll()} waits for them. A
 * checksum mismatch fails the upload itself as its last byte is read ({@link ListedChecksumStream}): a multipart
 * upload is aborted, never completed. Any mismatch fails the scene; its caller's cleanup deletes what was written.
 */
public final class FileStreamer {
  private static final Stage STAGE = Stage.FETCH;
  private static final Pattern MD5_ETAG = Pattern.compile("[0-9a-fA-F]{32}");

  private final FileOpener opener;
  private final StreamingUploader uploader;
  private final KeyLayout layout;
  private final BundleLimits limits;

  public FileStreamer(FileOpener opener, StreamingUploader uploader, KeyLayout layout, BundleLimits limits) {
    this.opener = Objects.requireNonNull(opener, "opener");
    this.uploader = Objects.requireNonNull(uploader, "uploader");
    this.layout = Objects.requireNonNull(layout, "layout");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** Where a file of a scene is stored in the raw tree. */
  public static S3Location target(KeyLayout layout, SceneId scene, FileSource file) {
    return isMetadata(scene, file)
        ? layout.metadataXml(layout.raw(), scene)
        : layout.rawObject(scene, file.bundle(), file.name());
  }

  static boolean isMetadata(SceneId scene, FileSource file) {
    return file.name().equals(scene + ".xml");
  }

  /**
   * Streams one file of a scene, recording the key it starts writing in {@code writes}.
   *
   * @throws FileVerificationException when the size, the listed checksum or an md5 ETag does not match
   * @throws SourceFailedException when the source cannot be read
   * @throws StoreFailedException when an upload failed
   */
  public FileResult stream(SceneId scene, FileSource file, SceneWrites writes) throws SceneException {
    String what = file.label();
    S3Location target = target(layout, scene, file);
    try (SourceBody body = opener.openBody(file.uri())) {
      return read(scene, file, body, target, writes);
    } catch (SceneException e) {
      throw e;
    } catch (UploadFailedException e) {
      throw new StoreFailedException(scene, STAGE, what + ": " + e.getMessage(), e);
    } catch (SourceUnavailableException e) {
      throw new SourceFailedException(scene, STAGE, what + ": " + e.getMessage(), e);
    } catch (ListedChecksumStream.Mismatch e) {
      throw new FileVerificationException(
          scene, STAGE, "checksum-mismatch", what + " from " + file.uri() + ": " + e.getMessage());
    } catch (EOFException e) {
      throw new FileVerificationException(scene, STAGE, "size-mismatch", what + " from " + file.uri()
          + " is truncated: " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      throw new SourceFailedException(scene, STAGE, "cannot read " + file.uri() + ": " + Digests.describe(e), e);
    }
  }

  private FileResult read(SceneId scene, FileSource file, SourceBody body, S3Location target, SceneWrites writes)
      throws IOException, SceneException {
    String what = file.label() + " from " + file.uri();
    Map<String, String> verified = new LinkedHashMap<>();
    long length = expectedLength(scene, file, body.length(), what, verified);
    Optional<String> md5Etag = body.etag().filter(e -> MD5_ETAG.matcher(e).matches());
    MessageDigest md5 = md5Etag.isPresent() ? Digests.md5() : null;
    InputStream in = body.body();
    if (md5 != null) {
      in = new DigestInputStream(in, md5);
    }
    ListedChecksumStream listed = null;
    if (file.checksum().isPresent()) {
      listed = new ListedChecksumStream(in, file.checksum().get(), length);
      in = listed;
    }
    if (isMetadata(scene, file)) {
      storeMetadata(scene, file, in, length, target, writes);
    } else {
      writes.attempting(target);
      writes.started(uploader.start(in, length, target));
    }
    if (in.read() >= 0) {
      throw new FileVerificationException(
          scene, STAGE, "size-mismatch", what + " has more than the " + length + " bytes expected");
    }
    if (listed != null) {
      listed.verify();
      verified.put("file:checksum", file.checksum().get().algorithm() + " matches the catalog's file:checksum");
    } else {
      verified.put("file:checksum", "not verified: the catalog lists none");
    }
    verifyEtag(scene, file, body.etag(), md5, what, verified);
    return new FileResult(file, target.key(), length, verified, false);
  }

  /** The byte count to read: the catalog's size and the announced length, which must agree when both are known. */
  private static long expectedLength(
      SceneId scene, FileSource file, OptionalLong announced, String what, Map<String, String> verified)
      throws SceneException {
    if (file.knownSize().isPresent() && announced.isPresent() && file.size() != announced.getAsLong()) {
      throw new FileVerificationException(
          scene, STAGE, "size-mismatch", what + ": the source announces " + announced.getAsLong()
              + " bytes, the catalog lists " + file.size());
    }
    if (file.knownSize().isPresent()) {
      verified.put(
          "size",
          file.size() + " bytes, as the catalog lists" + (announced.isPresent() ? " and the source announced" : ""));
      return file.size();
    }
    if (announced.isPresent()) {
      verified.put("size", announced.getAsLong() + " bytes, as the source announced (the catalog lists no size)");
      return announced.getAsLong();
    }
    throw new FileVerificationException(
        scene, STAGE, "size-mismatch", what + ": neither the catalog nor the source gives its size");
  }

  private static void verifyEtag(
      SceneId scene, FileSource file, Optional<String> etag, MessageDigest md5, String what,
      Map<String, String> verified) throws SceneException {
    if (etag.isEmpty()) {
      verified.put("etag", "not verified: the source sent none");
      return;
    }
    if (md5 == null) {
      verified.put("etag", "not verified: " + etag.get() + " is not an md5 (a multipart upload's, or opaque)");
      return;
    }
    String actual = HexFormat.of().formatHex(md5.digest());
    boolean matches = actual.equalsIgnoreCase(etag.get());
    if (file.isS3()) {
      if (!matches) {
        throw new FileVerificationException(
            scene, STAGE, "etag-mismatch", what + ": md5 " + actual + " does not match the object's ETag "
                + etag.get());
      }
      verified.put("etag", "md5 " + actual + " matches the object's ETag");
    } else {
      verified.put(
          "etag",
          matches
              ? "md5 " + actual + " matches the ETag the server sent"
              : "not verified: the ETag " + etag.get() + " is opaque over HTTP (md5 " + actual + ")");
    }
  }

  private void storeMetadata(
      SceneId scene, FileSource file, InputStream in, long length, S3Location target, SceneWrites writes)
      throws IOException, SceneException {
    if (length > limits.maxMetadataBytes()) {
      throw new BundleTooLargeException(
          scene, STAGE, "metadata XML of " + length + " bytes is over the limit of " + limits.maxMetadataBytes(), null);
    }
    byte[] xml = in.readNBytes((int) length);
    if (xml.length != length) {
      throw new EOFException("stream ended after " + xml.length + " of " + length + " bytes");
    }
    try {
      if (writes.firstMetadata(file.bundle(), xml)) {
        writes.attempting(target);
        writes.started(uploader.start(new ByteArrayInputStream(xml), xml.length, target));
      }
    } catch (SceneWrites.MetadataMismatch e) {
      throw new BundleCorruptException(scene, STAGE, file.label() + ": " + scene + ".xml " + e.getMessage(), e);
    }
  }


}
