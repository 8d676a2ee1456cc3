package dev.scenelift.store;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32C;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Streams objects of known length into S3 without holding them whole: objects up to {@link
 * UploadTuning#singlePutLimit()} go up with a single PUT from pooled buffers, larger ones as a multipart upload whose parts upload on the given executor while the caller's thread reads the next
 * part. Memory is bounded by the {@link UploadTuning}'s buffer pool; the reading thread waits when every buffer is in
 * flight. A failed multipart upload is aborted. Each object's CRC32C is computed as its bytes pass.
 *
 * <p>The executor belongs to the caller (created in {@code main}); this class never shuts it down. Thread-safe.
 */
public final class StreamingUploader {
  private static final String CONTENT_TYPE = "application/octet-stream";

  private final S3Client s3;
  private final Executor executor;
  private final int partSize;
  private final long singlePutLimit;
  private final BufferPool pool;

  public StreamingUploader(S3Client s3, Executor executor, UploadTuning tuning) {
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.partSize = tuning.partSize();
    this.singlePutLimit = tuning.singlePutLimit();
    this.pool = new BufferPool(tuning.partSize(), tuning.buffers());
  }

  /**
   * Reads exactly {@code length} bytes from {@code in} (which stays open: the caller owns it) and starts writing them
   * to {@code target}. Returns once every byte has been read; the upload may still be in flight, and the future
   * completes when the object is stored, or fails with an {@link UploadFailedException}.
   *
   * @throws EOFException when {@code in} ends before {@code length} bytes
   * @throws IOException when reading {@code in} fails (any started multipart upload is then aborted), or an {@link
   *     UploadFailedException} when an earlier part of this object already failed to upload
   */
  public CompletableFuture<StoredObject> start(InputStream in, long length, S3Location target)
      throws IOException {
    if (length < 0) {
      throw new IllegalArgumentException("negative length for " + target);
    }
    CRC32C crc = new CRC32C();
    if (length <= singlePutLimit) {
      return singlePut(in, length, target, crc);
    }
    return new Multipart(target).run(in, length, crc);
  }

  private CompletableFuture<StoredObject> singlePut(InputStream in, long length, S3Location target, CRC32C crc)
      throws IOException {
    List<byte[]> chunks = new ArrayList<>();
    try {
      long remaining = length;
      do {
        byte[] chunk = pool.take();
        chunks.add(chunk);
        int size = (int) Math.min(partSize, remaining);
        readFully(in, chunk, size, crc, target);
        remaining -= size;
      } while (remaining > 0);
    } catch (IOException | RuntimeException e) {
      chunks.forEach(pool::give);
      throw e;
    }
    StoredObject stored = new StoredObject(target.key(), length, checksum(crc));
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            s3.putObject(
                b -> b.bucket(target.bucket()).key(target.key()).contentType(CONTENT_TYPE),
                RequestBody.fromContentProvider(() -> chunked(chunks, length), length, CONTENT_TYPE));
            return stored;
          } catch (RuntimeException e) {
            throw new CompletionException(new UploadFailedException(target, e));
          } finally {
            chunks.forEach(pool::give);
          }
        },
        executor);
  }

  /** The first {@code length} bytes of the chunks, each full but the last, as one stream. */
  private InputStream chunked(List<byte[]> chunks, long length) {
    List<InputStream> parts = new ArrayList<>();
    long remaining = length;
    for (byte[] chunk : chunks) {
      int size = (int) Math.min(partSize, remaining);
      parts.add(new ByteArrayInputStream(chunk, 0, size));
      remaining -= size;
    }
    return new SequenceInputStream(Collections.enumeration(parts));
  }

  /** {@link #start} and wait: the object is stored when this returns. */
  public StoredObject upload(InputStream in, long length, S3Location target) throws IOException {
    return await(start(in, length, target));
  }

  /** Uploads a local file (e.g. a converted COG). */
  public StoredObject upload(Path file, S3Location target) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return upload(in, Files.size(file), target);
    }
  }

  /** Waits for a started upload, unwrapping its failure. */
  public static StoredObject await(CompletableFuture<StoredObject> upload) throws IOException {
    try {
      return upload.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting for an upload");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException(cause.getMessage(), cause);
    }
  }

  private static RequestBody body(byte[] buffer, int length) {
    return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length, CONTENT_TYPE);
  }

  private static void readFully(InputStream in, byte[] buffer, int length, CRC32C crc, S3Location target)
      throws IOException {
    int done = 0;
    while (done < length) {
      int n = in.read(buffer, done, length - done);
      if (n < 0) {
        throw new EOFException("stream ended after " + done + " of " + length + " bytes for " + target);
      }
      done += n;
    }
    crc.update(buffer, 0, length);
  }

  private static String checksum(CRC32C crc) {
    return "crc32c:" + HexFormat.of().toHexDigits((int) crc.getValue());
  }

  /** One multipart upload: parts go up in parallel; the first failure stops reading and aborts the upload. */
  private final class Multipart {
    private final S3Location target;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final List<CompletableFuture<CompletedPart>> parts = new ArrayList<>();
    private String uploadId;

    Multipart(S3Location target) {
      this.target = target;
    }

    CompletableFuture<StoredObject> run(InputStream in, long length, CRC32C crc) throws IOException {
      try {
        uploadId =
            s3.createMultipartUpload(
                    b -> b.bucket(target.bucket()).key(target.key()).contentType(CONTENT_TYPE))
                .uploadId();
      } catch (RuntimeException e) {
        throw new UploadFailedException(target, e);
      }
      try {
        long remaining = length;
        int number = 1;
        while (remaining > 0) {
          Throwable failed = failure.get();
          if (failed != null) {
            throw new UploadFailedException(target, failed);
          }
          int size = (int) Math.min(partSize, remaining);
          byte[] buffer = pool.take();
          try {
            readFully(in, buffer, size, crc, target);
          } catch (IOException | RuntimeException e) {
            pool.give(buffer);
            throw e;
          }
          parts.add(uploadPart(number++, buffer, size));
          remaining -= size;
        }
      } catch (IOException | RuntimeException e) {
        abortAfterParts();
        throw e;
      }
      StoredObject stored = new StoredObject(target.key(), length, checksum(crc));
      return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
          .thenApplyAsync(v -> complete(stored), executor)
          .whenComplete(
              (ok, e) -> {
                if (e != null) {
                  abortQuietly();
                }
              });
    }

    private CompletableFuture<CompletedPart> uploadPart(int number, byte[] buffer, int size) {
      return CompletableFuture.supplyAsync(
          () -> {
            try {
              String etag =
                  s3.uploadPart(
                          b ->
                              b.bucket(target.bucket())
                                  .key(target.key())
                                  .uploadId(uploadId)
                                  .partNumber(number)
                                  .contentLength((long) size),
                          body(buffer, size))
                      .eTag();
              return CompletedPart.builder().partNumber(number).eTag(etag).build();
            } catch (RuntimeException e) {
              failure.compareAndSet(null, e);
              throw new CompletionException(new UploadFailedException(target, e));
            } finally {
              pool.give(buffer);
            }
          },
          executor);
    }

    private StoredObject complete(StoredObject stored) {
      List<CompletedPart> done = new ArrayList<>(parts.stream().map(CompletableFuture::join).toList());
      done.sort(Comparator.comparing(CompletedPart::partNumber));
      try {
        s3.completeMultipartUpload(
            b ->
                b.bucket(target.bucket())
                    .key(target.key())
                    .uploadId(uploadId)
                    .multipartUpload(m -> m.parts(done)));
      } catch (RuntimeException e) {
        throw new CompletionException(new UploadFailedException(target, e));
      }
      return stored;
    }

    private void abortAfterParts() {
      for (CompletableFuture<CompletedPart> part : parts) {
        try {
          part.join();
        } catch (RuntimeException ignored) {
          // the upload is being abandoned; its parts' own failures no longer matter
        }
      }
      abortQuietly();
    }

    private void abortQuietly() {
      try {
        s3.abortMultipartUpload(b -> b.bucket(target.bucket()).key(target.key()).uploadId(uploadId));
      } catch (RuntimeException ignored) {
        // best effort: the caller's cleanup also aborts whatever is left under the scene's prefix
      }
    }
  }
}
