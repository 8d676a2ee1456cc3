package dev.scenelift.index;

import java.util.Objects;

/**
 * One request {@link BucketGateway} answered, for an access log or a test that counts what a client asked for. It is
 * logged as the answer's headers go out, so a client holding the whole answer finds its request logged.
 *
 * @param method the HTTP method
 * @param path the request's path, as sent (percent-encoded)
 * @param range the request's {@code Range} header, or empty
 * @param status the status answered
 * @param bytes the body's length (a client may hang up before it has all of it)
 */
public record ServedRequest(String method, String path, String range, int status, long bytes) {
  public ServedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    range = range == null ? "" : range;
  }

  /** One access-log line: {@code GET /bucket/key bytes=0-16383 206 16384}. */
  @Override
  public String toString() {
    return method + " " + path + (range.isEmpty() ? "" : " " + range) + " " + status + " " + bytes;
  }
}
