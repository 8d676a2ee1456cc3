package dev.scenelift.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenelift.testing.S3TestSupport;
import dev.scenelift.testing.TarBuilder;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

class StreamingUploaderTest {
  private static final int PART = UploadTuning.MIN_PART_SIZE;

  private static EmbeddedS3Store store;
  private static S3Client s3;
  private static ExecutorService executor;
  private static StreamingUploader uploader;

  @BeforeAll
  static void start() throws Exception {
    store = EmbeddedS3Store.inMemory();
    s3 = S3ClientFactory.create(store.settings());
    s3.createBucket(b -> b.bucket("uploads"));
    executor = Executors.newFixedThreadPool(3);
    uploader = new StreamingUploader(s3, executor, new UploadTuning(PART, 3));
  }

  @AfterAll
  static void stop() throws Exception {
    executor.shutdownNow();
    s3.close();
    store.close();
  }

  private static byte[] read(S3Location loc) {
    return s3.getObjectAsBytes(b -> b.bucket(loc.bucket()).key(loc.key())).asByteArray();
  }

  private static String crc32c(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return "crc32c:" + HexFormat.of().toHexDigits((int) crc.getValue());
  }

  @Test
  void storesSmallObjectWithItsSizeAndCrc32c() throws Exception {
    byte[] body = TarBuilder.randomBytes(70_000, 1);
    S3Location target = S3Location.parse("s3://uploads/small.bin");

    StoredObject stored = uploader.upload(new ByteArrayInputStream(body), body.length, target);

    assertThat(stored).isEqualTo(new StoredObject("small.bin", body.length, crc32c(body)));
    assertThat(read(target)).isEqualTo(body);
  }

  @Test
  void storesEmptyObject() throws Exception {
    S3Location target = S3Location.parse("s3://uploads/empty.bin");

    StoredObject stored = uploader.upload(InputStream.nullInputStream(), 0, target);

    assertThat(stored.size()).isZero();
    assertThat(read(target)).isEmpty();
  }

  @Test
  void uploadsObjectLargerThanOnePartAsMultipart() throws Exception {
    byte[] body = TarBuilder.randomBytes(2 * PART + 123_456, 2);
    S3Location target = S3Location.parse("s3://uploads/large.bin");

    StoredObject stored = uploader.upload(new ByteArrayInputStream(body), body.length, target);

    assertThat(stored.checksum()).isEqualTo(crc32c(body));
    assertThat(read(target)).isEqualTo(body);
    String etag = s3.headObject(b -> b.bucket("uploads").key("large.bin")).eTag();
    assertThat(etag).as("a multipart ETag names its part count").contains("-3");
    assertThat(S3TestSupport.incompleteUploads(s3, "uploads")).isZero();
  }

  @Test
  void sendsObjectsUpToHalfThePoolWithOneSinglePut() throws Exception {
    StreamingUploader roomy = new StreamingUploader(s3, executor, new UploadTuning(PART, 4));
    byte[] body = TarBuilder.randomBytes(PART + PART / 2, 6);
    S3Location target = S3Location.parse("s3://uploads/medium.bin");

    StoredObject stored = roomy.upload(new ByteArrayInputStream(body), body.length, target);

    assertThat(stored.checksum()).isEqualTo(crc32c(body));
    assertThat(read(target)).isEqualTo(body);
    assertThat(s3.headObject(b -> b.bucket("uploads").key("medium.bin")).eTag()).doesNotContain("-");
  }

  @Test
  void readsOnlyTheGivenLengthAndLeavesTheRestOfTheStream() throws Exception {
    InputStream in = new ByteArrayInputStream("headtail".getBytes());

    uploader.upload(in, 4, S3Location.parse("s3://uploads/head.bin"));

    assertThat(new String(in.readAllBytes())).isEqualTo("tail");
  }

  @Test
  void abortsTheMultipartUploadWhenTheSourceEndsEarly() {
    byte[] body = TarBuilder.randomBytes(PART + 1000, 3);
    S3Location target = S3Location.parse("s3://uploads/short.bin");

    assertThatThrownBy(() -> uploader.upload(new ByteArrayInputStream(body), 3L * PART, target))
        .isInstanceOf(EOFException.class);
    assertThat(S3TestSupport.incompleteUploads(s3, "uploads")).isZero();
    assertThat(S3TestSupport.keys(s3, "uploads", "short")).isEmpty();
  }

  @Test
  void abortsTheMultipartUploadWhenTheSourceFails() {
    InputStream failing =
        new SequenceInputStream(
            new ByteArrayInputStream(TarBuilder.randomBytes(PART + 10, 4)),
            new InputStream() {
              @Override
              public int read() throws IOException {
                throw new IOException("connection reset");
              }
            });
    S3Location target = S3Location.parse("s3://uploads/failing.bin");

    assertThatThrownBy(() -> uploader.upload(failing, 3L * PART, target)).hasMessageContaining("connection reset");
    assertThat(S3TestSupport.incompleteUploads(s3, "uploads")).isZero();
  }

  @Test
  void reportsAStoreFailureAsUploadFailedNamingTheTarget() {
    S3Location target = S3Location.parse("s3://no-such-bucket/x.bin");

    assertThatThrownBy(() -> uploader.upload(new ByteArrayInputStream(new byte[10]), 10, target))
        .isInstanceOf(UploadFailedException.class)
        .hasMessageContaining("s3://no-such-bucket/x.bin");
  }

  @Test
  void uploadsALocalFile(@TempDir Path dir) throws Exception {
    byte[] body = TarBuilder.randomBytes(PART + 5, 5);
    Path file = dir.resolve("cog.tif");
    Files.write(file, body);
    S3Location target = S3Location.parse("s3://uploads/cog.tif");

    StoredObject stored = uploader.upload(file, target);

    assertThat(stored.size()).isEqualTo(body.length);
    assertThat(read(target)).isEqualTo(body);
  }
}
