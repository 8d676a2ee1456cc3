package dev.scenelift.bundle;

import dev.scenelift.manifest.FileSource;
import dev.scenelift.scene.SceneException;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;
import dev.scenelift.store.StoredObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.RequestPayer;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Copies one {@code s3:} source file into the raw tree inside S3 (CopyObject, or UploadPartCopy for objects over the
 * single-copy limit of 5 GiB), so that no byte passes through the job: what a job in the source bucket's region does
 * (the copy costs a request, and no transfer). Requests carry {@code x-amz-request-payer: requester} when asked.
 *
 * <p>Verifies what a copy can: the size (HeadObject of the source against the catalog's, and the copy's), and the
 * ETag when the source's is an md5 (a single-part object, whose single copy keeps the md5). A catalog checksum ({@code
 * file:checksum}) cannot be checked without reading the bytes; the marker says so. A failed multipart copy is aborted.
 */
public final class ServerSideCopier {
  /** S3's limit for one CopyObject. */
  public static final long MAX_SINGLE_COPY = 5L * 1024 * 1024 * 1024;
  /** Part size of a multipart copy. */
  public static final long COPY_PART = 512L * 1024 * 1024;

  private static final Stage STAGE = Stage.FETCH;

  private final S3Client s3;
  private final KeyLayout layout;
  private final boolean requesterPays;
  private final long maxSingleCopy;
  private final long partSize;

  public ServerSideCopier(S3Client s3, KeyLayout layout, boolean requesterPays) {
    this(s3, layout, requesterPays, MAX_SINGLE_COPY, COPY_PART);
  }

  /** With other limits, so that tests can exercise the multipart copy on small objects. */
  public ServerSideCopier(S3Client s3, KeyLayout layout, boolean requesterPays, long maxSingleCopy, long partSize) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.layout = Objects.requireNonNull(layout, "layout");
    this.requesterPays = requesterPays;
    if (maxSingleCopy < 1 || partSize < 1) {
      throw new IllegalArgumentException("copy limits must be positive");
    }
    this.maxSingleCopy = maxSingleCopy;
    this.partSize = partSize;
  }

  /**
   * Copies one file of a scene, recording its key in {@code writes} before the copy starts.
   *
   * @throws FileVerificationException when the source's size or the copy's ETag is not what it should be
   * @throws SourceFailedException when the source object cannot be read (404, 403)
   * @throws StoreFailedException when the copy itself fails
   */
  public FileResult copy(SceneId scene, FileSource file, SceneWrites writes) throws SceneException {
    if (!file.isS3()) {
      throw new IllegalArgumentException("only s3: sources can be copied inside S3, not " + file.uri());
    }
    S3Location from = S3Location.parse(file.uri().toString());
    S3Location to = FileStreamer.target(layout, scene, file);
    String what = file.label() + " from " + file.uri();
    HeadObjectResponse head;
    try {
      head = s3.headObject(b -> b.bucket(from.bucket()).key(from.key()).requestPayer(payer()));
    } catch (S3Exception e) {
      throw new SourceFailedException(scene, STAGE, what + ": HTTP " + e.statusCode() + code(e), e);
    } catch (SdkException e) {
      throw new SourceFailedException(scene, STAGE, what + ": " + e.getMessage(), e);
    }
    long size = head.contentLength();
    Map<String, String> verified = new LinkedHashMap<>();
    if (file.knownSize().isPresent() && file.size() != size) {
      throw new FileVerificationException(
          scene, STAGE, "size-mismatch", what + ": the object has " + size + " bytes, the catalog lists "
              + file.size());
    }
    String sourceEtag = head.eTag() == null ? "" : head.eTag().replace("\"", "");
    writes.attempting(to);
    String etag;
    try {
      etag = size <= maxSingleCopy ? single(from, to) : multipart(from, to, size);
    } catch (SdkException e) {
      throw new StoreFailedException(scene, STAGE, what + ": server-side copy to " + to + " failed: "
          + e.getMessage(), e);
    }
    verified.put(
        "size",
        size + " bytes, as the source object's HeadObject" + (file.knownSize().isPresent() ? " and the catalog" : "")
            + " give");
    boolean md5Etag = sourceEtag.matches("[0-9a-fA-F]{32}");
    if (md5Etag && size <= maxSingleCopy) {
      if (!sourceEtag.equalsIgnoreCase(etag)) {
        throw new FileVerificationException(
            scene, STAGE, "etag-mismatch", what + ": the copy's ETag " + etag + " differs from the source's "
                + sourceEtag);
      }
      verified.put("etag", "the copy's ETag equals the source's md5 ETag " + sourceEtag.toLowerCase(Locale.ROOT));
    } else {
      verified.put(
          "etag",
          "not verified: " + (md5Etag ? "a multipart copy gets a new ETag" : "the source's ETag " + sourceEtag
              + " is not an md5"));
    }
    verified.put(
        "file:checksum",
        file.checksum().isPresent()
            ? "not verified: a server-side copy reads no bytes (the catalog lists " + file.checksum().get().algorithm()
                + ")"
            : "not verified: the catalog lists none");
    String checksum = etag.matches("[0-9a-fA-F]{32}") ? "md5:" + etag.toLowerCase(Locale.ROOT) : "etag:" + etag;
    writes.started(CompletableFuture.completedFuture(new StoredObject(to.key(), size, checksum)));
    return new FileResult(file, to.key(), size, verified, true);
  }

  private String single(S3Location from, S3Location to) {
    return s3.copyObject(
            b ->
                b.sourceBucket(from.bucket())
                    .sourceKey(from.key())
                    .destinationBucket(to.bucket())
                    .destinationKey(to.key())
                    .requestPayer(payer()))
        .copyObjectResult()
        .eTag()
        .replace("\"", "");
  }

  private String multipart(S3Location from, S3Location to, long size) {
    String uploadId =
        s3.createMultipartUpload(b -> b.bucket(to.bucket()).key(to.key()).requestPayer(payer())).uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      int number = 1;
      for (long first = 0; first < size; first += partSize, number++) {
        long last = Math.min(size, first + partSize) - 1;
        String range = "bytes=" + first + "-" + last;
        int n = number;
        String etag =
            s3.uploadPartCopy(
                    b ->
                        b.sourceBucket(from.bucket())
                            .sourceKey(from.key())
                            .copySourceRange(range)
                            .destinationBucket(to.bucket())
                            .destinationKey(to.key())
                            .uploadId(uploadId)
                            .partNumber(n)
                            .requestPayer(payer()))
                .copyPartResult()
                .eTag();
        parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
      }
      return s3.completeMultipartUpload(
              b ->
                  b.bucket(to.bucket())
                      .key(to.key())
                      .uploadId(uploadId)
                      .requestPayer(payer())
                      .multipartUpload(m -> m.parts(parts)))
          .eTag()
          .replace("\"", "");
    } catch (SdkException e) {
      try {
        s3.abortMultipartUpload(b -> b.bucket(to.bucket()).key(to.key()).uploadId(uploadId).requestPayer(payer()));
      } catch (SdkException ignored) {
        // the scene's cleanup aborts whatever is left open under its directory
      }
      throw e;
    }
  }

  private RequestPayer payer() {
    return requesterPays ? RequestPayer.REQUESTER : null;
  }

  private static String code(S3Exception e) {
    return e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
        ? " " + e.awsErrorDetails().errorCode()
        : "";
  }
}
