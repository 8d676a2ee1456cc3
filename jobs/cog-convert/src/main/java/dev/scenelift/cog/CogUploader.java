package dev.scenelift.cog;

import dev.scenelift.store.S3Location;
import dev.scenelift.store.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Uploads one finished COG from local temp space: the only place cog-convert writes band data to S3. A single PUT
 * (S3 accepts up to 5 GiB; an ARD band COG is tens of MB); the shared multipart uploader replaces it when available.
 */
final class CogUploader {
  static final String CONTENT_TYPE = "image/tiff; application=geotiff; profile=cloud-optimized";

  private final S3Client s3;

  CogUploader(S3Client s3) {
    this.s3 = s3;
  }

  /** Uploads {@code file} to {@code to}, sending and returning its md5. */
  StoredObject upload(Path file, S3Location to) throws IOException {
    byte[] md5 = md5(file);
    long size = Files.size(file);
    s3.putObject(
        b ->
            b.bucket(to.bucket())
                .key(to.key())
                .contentType(CONTENT_TYPE)
                .contentLength(size)
                .contentMD5(java.util.Base64.getEncoder().encodeToString(md5)),
        RequestBody.fromFile(file));
    return new StoredObject(to.key(), size, "md5:" + HexFormat.of().formatHex(md5));
  }

  private static byte[] md5(Path file) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("MD5"))) {
      byte[] buf = new byte[1 << 16];
      while (in.read(buf) >= 0) {
        // hashing in passing
      }
      return ((DigestInputStream) in).getMessageDigest().digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JVM", e);
    }
  }
}
