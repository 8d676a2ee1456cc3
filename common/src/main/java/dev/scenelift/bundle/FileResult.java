package dev.scenelift.bundle;

import dev.scenelift.manifest.FileSource;
import java.util.Map;
import java.util.Objects;

/**
 * What fetching one single source file found.
 *
 * @param source the file
 * @param key the object key it was stored under
 * @param bytes bytes moved (read, or copied inside S3)
 * @param verified what was checked and how, by check ({@code size}, {@code etag}, {@code file:checksum}), for the
 *     completion marker; a check that could not be made says why
 * @param serverSideCopy whether S3 copied it (no bytes through this job)
 */
public record FileResult(FileSource source, String key, long bytes, Map<String, String> verified, boolean serverSideCopy) {
  public FileResult {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(key, "key");
    verified = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(verified));
  }
}
