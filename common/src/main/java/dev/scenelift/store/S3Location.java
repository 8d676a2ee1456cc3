package dev.scenelift.store;

import java.net.URI;
import java.util.Objects;

/**
 * A bucket and key, validated when made. {@code key} has no leading slash; a "directory" location ends with one.
 *
 * @param bucket a DNS-compatible bucket name
 * @param key the object key or key prefix, possibly empty
 */
public record S3Location(String bucket, String key) {
  public S3Location {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
      throw new IllegalArgumentException("invalid bucket name '" + bucket + "'");
    }
    if (key.startsWith("/")) {
      throw new IllegalArgumentException("key must not start with '/': '" + key + "'");
    }
    for (String part : key.split("/", -1)) {
      if (part.equals("..") || part.equals(".")) {
        throw new IllegalArgumentException("key must not contain '.' or '..' segments: '" + key + "'");
      }
    }
  }

  /** Parses {@code s3://bucket/key}; the key may be empty. */
  public static S3Location parse(String uri) {
    if (uri == null || !uri.startsWith("s3://")) {
      throw new IllegalArgumentException("not an s3:// location: '" + uri + "'");
    }
    String rest = uri.substring("s3://".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? new S3Location(rest, "") : new S3Location(rest.substring(0, slash), rest.substring(slash + 1));
  }

  /** This location as a directory: the key ends with '/' unless empty. */
  public S3Location asDirectory() {
    return key.isEmpty() || key.endsWith("/") ? this : new S3Location(bucket, key + "/");
  }

  /** A child of this location seen as a directory; {@code child} is a relative path without '..'. */
  public S3Location resolve(String child) {
    if (child.startsWith("/")) {
      throw new IllegalArgumentException("child path must be relative: '" + child + "'");
    }
    return new S3Location(bucket, asDirectory().key + child);
  }

  /** The last path segment of the key, ignoring a trailing slash. */
  public String name() {
    String k = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
    return k.substring(k.lastIndexOf('/') + 1);
  }

  /** The key of this location relative to {@code base}, which must contain it. */
  public String relativeTo(S3Location base) {
    S3Location dir = base.asDirectory();
    if (!bucket.equals(dir.bucket) || !key.startsWith(dir.key)) {
      throw new IllegalArgumentException(this + " is not inside " + base);
    }
    return key.substring(dir.key.length());
  }

  public URI toUri() {
    return URI.create(toString());
  }

  @Override
  public String toString() {
    return "s3://" + bucket + "/" + key;
  }
}
