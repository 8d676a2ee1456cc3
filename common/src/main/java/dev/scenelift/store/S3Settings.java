package dev.scenelift.store;

import java.net.URI;
import java.util.Optional;

/**
 * How to reach S3 or an S3-compatible store.
 *
 * @param region AWS region; empty means the SDK's default chain (us-east-1 for a custom endpoint)
 * @param endpoint endpoint override for S3-compatible stores; empty for AWS
 * @param pathStyle path-style addressing (needed by most S3-compatible stores)
 * @param requesterPays send {@code x-amz-request-payer: requester} on reads of source buckets
 * @param staticCredentials fixed credentials, only for the embedded store; empty means the default chain
 * @param unsigned send requests without a signature: only for the embedded store, which checks none. Over plain HTTP
 *     the SDK signs every payload, a SHA-256 pass over each byte sent
 */
public record S3Settings(
    Optional<String> region,
    Optional<URI> endpoint,
    boolean pathStyle,
    boolean requesterPays,
    Optional<StaticCredentials> staticCredentials,
    boolean unsigned) {

  /** An access key pair. {@link #toString()} never shows the secret. */
  public record StaticCredentials(String accessKeyId, String secretAccessKey) {
    @Override
    public String toString() {
      return "StaticCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=****]";
    }
  }

  /** Real AWS S3 in the given region (or the default chain's region). */
  public static S3Settings aws(Optional<String> region) {
    return new S3Settings(region, Optional.empty(), false, false, Optional.empty(), false);
  }

  /** An S3-compatible endpoint with fixed credentials, path-style, as the embedded store needs. */
  public static S3Settings compatible(URI endpoint, String accessKeyId, String secretAccessKey) {
    return new S3Settings(
        Optional.of("us-east-1"),
        Optional.of(endpoint),
        true,
        false,
        Optional.of(new StaticCredentials(accessKeyId, secretAccessKey)),
        false);
  }

  public S3Settings withRequesterPays(boolean value) {
    return new S3Settings(region, endpoint, pathStyle, value, staticCredentials, unsigned);
  }

  public S3Settings withEndpoint(URI value) {
    return new S3Settings(region, Optional.of(value), pathStyle, requesterPays, staticCredentials, unsigned);
  }

  public S3Settings withPathStyle(boolean value) {
    return new S3Settings(region, endpoint, value, requesterPays, staticCredentials, unsigned);
  }

  public S3Settings withUnsigned(boolean value) {
    return new S3Settings(region, endpoint, pathStyle, requesterPays, staticCredentials, value);
  }
}
