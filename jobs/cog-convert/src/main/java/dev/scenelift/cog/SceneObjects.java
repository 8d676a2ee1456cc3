package dev.scenelift.cog;

import dev.scenelift.store.S3Location;
import dev.scenelift.store.StoredObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The S3 operations cog-convert needs besides uploads: list, read, download, server-side copy, delete. */
final class SceneObjects {
  private final S3Client s3;

  SceneObjects(S3Client s3) {
    this.s3 = s3;
  }

  S3Client client() {
    return s3;
  }

  /** Every object under a prefix (a directory location), with its size. */
  List<S3Object> list(S3Location prefix) {
    List<S3Object> out = new ArrayList<>();
    s3.listObjectsV2Paginator(b -> b.bucket(prefix.bucket()).prefix(prefix.asDirectory().key()))
        .contents()
        .forEach(out::add);
    return out;
  }

  Optional<byte[]> read(S3Location loc) {
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

  void download(S3Location from, Path to) {
    s3.getObject(b -> b.bucket(from.bucket()).key(from.key()), ResponseTransformer.toFile(to));
  }

  /** Copies within S3 (no bytes through this machine); the checksum is the copy's md5 ETag when S3 gives one. */
  StoredObject copy(S3Location from, S3Location to, long size) {
    String etag =
        s3.copyObject(
                b ->
                    b.sourceBucket(from.bucket())
                        .sourceKey(from.key())
                        .destinationBucket(to.bucket())
                        .destinationKey(to.key()))
            .copyObjectResult()
            .eTag()
            .replace("\"", "");
    String checksum = etag.matches("[0-9a-fA-F]{32}") ? "md5:" + etag.toLowerCase(java.util.Locale.ROOT) : "etag:" + etag;
    return new StoredObject(to.key(), size, checksum);
  }

  void delete(S3Location loc) {
    s3.deleteObject(b -> b.bucket(loc.bucket()).key(loc.key()));
  }
}
