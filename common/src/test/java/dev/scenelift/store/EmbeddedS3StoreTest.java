package dev.scenelift.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

class EmbeddedS3StoreTest {
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
