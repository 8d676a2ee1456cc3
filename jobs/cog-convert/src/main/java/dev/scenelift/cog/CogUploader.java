package dev.scenelift.cog;

import dev.scenelift.store.S3Location;
import dev.scenelift.store.StoredObject;
import dev.scenelift.store.StreamingUploader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Uploads one finished COG from local temp space: the only place cog-convert writes band data to S3. Goes through the
 * shared {@link StreamingUploader} (multipart with bounded buffers above its single-PUT limit, aborted on failure).
 */
final class CogUploader {
  private final StreamingUploader uploader;

  CogUploader(StreamingUploader uploader) {
    this.uploader = uploader;
  }

  /** Uploads {@code file} to {@code to}; the result carries the CRC32C of the bytes sent. */
  StoredObject upload(Path file, S3Location to) throws IOException {
    return uploader.upload(file, to);
  }
}
