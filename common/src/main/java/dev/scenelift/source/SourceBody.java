package dev.scenelift.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An opened source object: its bytes, and what the source said about them in the response (length, ETag), for
 * verification. The caller owns the body and closes it.
 *
 * @param body the bytes, for one sequential read
 * @param length the length the source announced (Content-Length, S3's object size, the file's size)
 * @param etag the ETag the source sent, without quotes, when it sent one
 */
public record SourceBody(InputStream body, OptionalLong length, Optional<String> etag) implements AutoCloseable {
  public SourceBody {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(length, "length");
    Objects.requireNonNull(etag, "etag");
    etag = etag.map(e -> e.replace("\"", "").strip()).filter(e -> !e.isEmpty());
  }

  @Override
  public void close() throws IOException {
    body.close();
  }
}
