package dev.scenelift.store;

import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Reads of small objects that may not exist (markers, verdicts, state): absence is a value, not an error. */
public final class S3Reads {
  private S3Reads() {}

  /** The object's bytes, or empty when there is no such key; any other failure is thrown. */
  public static Optional<byte[]> bytesIfPresent(S3Client s3, S3Location loc) {
    try {
      return Optional.of(s3.getObjectAsBytes(b -> b.bucket(loc.bucket()).key(loc.key())).asByteArray());
    } catch (NoSuchKeyException e) {
      return Optional.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Whether the object exists (HEAD); any failure other than 404 is thrown. */
  public static boolean exists(S3Client s3, S3Location loc) {
    try {
      s3.headObject(b -> b.bucket(loc.bucket()).key(loc.key()));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }
}
