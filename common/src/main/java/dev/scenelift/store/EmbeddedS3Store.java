package dev.scenelift.store;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/**
 * An S3-compatible endpoint in this JVM, on loopback only: the embedded default's store and the tests' S3.
 *
 * <p>With a directory, objects are plain files under {@code <dir>/<bucket>/<key>}; without one, they live in memory.
 * Needs {@code org.gaul:s3proxy} on the class path (the submitter and tests have it; job images do not).
 */
public final class EmbeddedS3Store implements AutoCloseable {
  /**
   * The fixed credentials of the embedded store, for clients that must hold some (presigned links, SQS). The store
   * checks no signatures and its clients send none ({@link S3Settings#unsigned()}): it listens on loopback only and
   * these constants are public, so signing and checking would guard nothing while each costs a SHA-256 pass over every
   * uploaded byte (and a signed single PUT is held whole in memory to be checked).
   */
  public static final String ACCESS_KEY = "scenelift";

  public static final String SECRET_KEY = "scenelift-local-secret";

  private static final long MAX_SINGLE_PUT = 5L * 1024 * 1024 * 1024;

  private final S3Proxy proxy;
  private final URI endpoint;

  private EmbeddedS3Store(BlobStore blobStore, int port) throws Exception {
    proxy =
        S3Proxy.builder()
            .blobStore(new ListingCache(blobStore, Clock.systemUTC()))
            .endpoint(URI.create("http://127.0.0.1:" + port))
            .ignoreUnknownHeaders(true)
            .maxSinglePartObjectSize(MAX_SINGLE_PUT)
            .jettyMaxThreads(64)
            .build();
    proxy.start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (!"STARTED".equals(proxy.getState())) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("embedded S3 store did not start within 30 s");
      }
      Thread.sleep(5);
    }
    endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** A store whose objects are files under {@code dir/<bucket>/<key>}, on the given port (0: any free port). */
  public static EmbeddedS3Store onDisk(Path dir, int port) throws Exception {
    Files.createDirectories(dir);
    return new EmbeddedS3Store(new FilesystemNio2BlobStore(dir.toAbsolutePath().toString()), port);
  }

  /** A store in memory, on any free port: for tests. */
  public static EmbeddedS3Store inMemory() throws Exception {
    return new EmbeddedS3Store(new TransientNio2BlobStore(), 0);
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Settings for a client of this store: unsigned, since the store checks no signatures. */
  public S3Settings settings() {
    return S3Settings.compatible(endpoint, ACCESS_KEY, SECRET_KEY).withUnsigned(true);
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
  }
}
