package dev.scenelift.fetch;

import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Settings;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The benchmark's anchor (b): one PUT of a file with the SDK, from a fresh JVM like fetch-scene's, so both pay the same
 * start-up. Arguments: {@code <endpoint> <bucket> <key> <file>}.
 */
public final class SinglePut {
  private SinglePut() {}

  public static void main(String[] args) {
    S3Settings settings =
        S3Settings.compatible(URI.create(args[0]), EmbeddedS3Store.ACCESS_KEY, EmbeddedS3Store.SECRET_KEY);
    try (S3Client s3 = S3ClientFactory.create(settings)) {
      s3.putObject(b -> b.bucket(args[1]).key(args[2]), RequestBody.fromFile(Path.of(args[3])));
    }
  }
}
