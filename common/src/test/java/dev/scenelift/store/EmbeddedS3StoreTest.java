package dev.scenelift.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

class EmbeddedS3StoreTest {
  @Test
  void itsClientsSendNoSignatureSoNoPayloadIsHashed() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    List<Headers> seen = new CopyOnWriteArrayList<>();
    server.createContext(
        "/",
        exchange -> {
          seen.add(exchange.getRequestHeaders());
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().add("ETag", "\"5d41402abc4b2a76b9719d911017c592\"");
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    try (EmbeddedS3Store store = EmbeddedS3Store.inMemory()) {
      S3Settings settings =
          store.settings().withEndpoint(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
      assertThat(settings.unsigned()).as("the embedded store's settings").isTrue();
      for (S3Settings s : List.of(settings, settings.withUnsigned(false))) {
        try (S3Client s3 = S3ClientFactory.create(s)) {
          s3.putObject(b -> b.bucket("b").key("k"), RequestBody.fromString("hello"));
        }
      }
    } finally {
      server.stop(0);
    }
    String helloSha256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    assertThat(seen).hasSize(2);
    assertThat(seen.get(0).getFirst("Authorization")).as("unsigned").isNull();
    assertThat(seen.get(0).getFirst("x-amz-content-sha256")).as("unsigned").isNotEqualTo(helloSha256);
    assertThat(seen.get(1).getFirst("Authorization")).as("signed").startsWith("AWS4-HMAC-SHA256");
    assertThat(seen.get(1).getFirst("x-amz-content-sha256")).as("signed over http").isEqualTo(helloSha256);
  }

  @Test
  void objectsArePlainFilesUnderTheDataDir(@TempDir Path dir) throws Exception {
    try (EmbeddedS3Store store = EmbeddedS3Store.onDisk(dir, 0);
        S3Client s3 = S3ClientFactory.create(store.settings())) {
      assertThat(store.endpoint().getHost()).isEqualTo("127.0.0.1");
      s3.createBucket(b -> b.bucket("scenelift"));
      s3.putObject(b -> b.bucket("scenelift").key("raw/h03v03/a.txt"), RequestBody.fromString("hello"));
      assertThat(Files.readString(dir.resolve("scenelift/raw/h03v03/a.txt"))).isEqualTo("hello");
      assertThat(s3.getObjectAsBytes(b -> b.bucket("scenelift").key("raw/h03v03/a.txt")).asUtf8String())
          .isEqualTo("hello");
    }
  }

  @Test
  void multipartUploadsComplete() throws Exception {
    try (EmbeddedS3Store store = EmbeddedS3Store.inMemory();
        S3Client s3 = S3ClientFactory.create(store.settings())) {
      s3.createBucket(b -> b.bucket("bucket1"));
      String id = s3.createMultipartUpload(b -> b.bucket("bucket1").key("big")).uploadId();
      byte[] part = new byte[5 * 1024 * 1024];
      java.util.Arrays.fill(part, (byte) 'x');
      String e1 = s3.uploadPart(b -> b.bucket("bucket1").key("big").uploadId(id).partNumber(1), RequestBody.fromBytes(part)).eTag();
      String e2 =
          s3.uploadPart(
                  b -> b.bucket("bucket1").key("big").uploadId(id).partNumber(2),
                  RequestBody.fromString("tail", StandardCharsets.UTF_8))
              .eTag();
      s3.completeMultipartUpload(
          b ->
              b.bucket("bucket1")
                  .key("big")
                  .uploadId(id)
                  .multipartUpload(
                      m ->
                          m.parts(
                              CompletedPart.builder().partNumber(1).eTag(e1).build(),
                              CompletedPart.builder().partNumber(2).eTag(e2).build())));
      assertThat(s3.headObject(b -> b.bucket("bucket1").key("big")).contentLength()).isEqualTo(part.length + 4L);
      assertThat(s3.listMultipartUploads(b -> b.bucket("bucket1")).uploads()).isEmpty();
    }
  }
}
