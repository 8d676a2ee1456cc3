package dev.scenelift.plan;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Creates the run's bucket when it is missing (the embedded store starts empty). */
public final class Buckets {
  private Buckets() {}

  public static void ensure(S3Client s3, String bucket) {
    try {
      s3.headBucket(b -> b.bucket(bucket));
      return;
    } catch (NoSuchBucketException e) {
      // create it below
    } catch (S3Exception e) {
      if (e.statusCode() != 404) {
        throw e;
      }
    }
    try {
      s3.createBucket(b -> b.bucket(bucket));
    } catch (BucketAlreadyOwnedByYouException e) {
      // created meanwhile
    }
  }
}
