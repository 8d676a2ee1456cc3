package dev.scenelift.testing;

import dev.scenelift.store.S3Location;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Small helpers for tests that talk to a real S3-compatible server. */
public final class S3TestSupport {
  private S3TestSupport() {}

  public static List<String> keys(S3Client s3, String bucket, String prefix) {
    List<String> out = new ArrayList<>();
    s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))
        .contents()
        .forEach((S3Object o) -> out.add(o.key()));
    return out;
  }

  public static String readString(S3Client s3, S3Location loc) {
    return s3.getObjectAsBytes(b -> b.bucket(loc.bucket()).key(loc.key())).asString(StandardCharsets.UTF_8);
  }

  public static void putString(S3Client s3, S3Location loc, String body) {
    s3.putObject(b -> b.bucket(loc.bucket()).key(loc.key()), RequestBody.fromString(body));
  }

  public static int incompleteUploads(S3Client s3, String bucket) {
    return s3.listMultipartUploads(b -> b.bucket(bucket)).uploads().size();
  }
}
