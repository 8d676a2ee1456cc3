package dev.scenelift.index;

import dev.scenelift.store.KeyLayout;
import dev.scenelift.testing.S3TestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/** The STAC documents index-build wrote (catalog, collections, items), copied out of the store as files for tools. */
final class StacFiles {
  private StacFiles() {}

  /** Copies them under {@code dir}, each at its key; returns the files. */
  static List<Path> copyOut(S3Client s3, KeyLayout layout, Path dir) throws IOException {
    String bucket = layout.cog().bucket();
    List<Path> files = new ArrayList<>();
    for (String key : S3TestSupport.keys(s3, bucket, layout.cog().key())) {
      if (key.endsWith("/catalog.json") || key.endsWith("/collection.json") || key.endsWith("_stac-item.json")) {
        Path f = dir.resolve(key);
        Files.createDirectories(f.getParent());
        Files.write(f, s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        files.add(f);
      }
    }
    return files;
  }
}
