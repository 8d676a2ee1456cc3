package dev.scenelift.source;

import dev.scenelift.store.S3Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** Bundle files and options for catalog tests. */
final class SourceFixtures {
  static final String L8 = "LC08_CU_003003_20130414_20170713_C01_V01";
  static final String L8_OLDER = "LC08_CU_003003_20130414_20170601_C01_V01";
  static final String L7 = "LE07_CU_003003_20100721_20170801_C01_V01";
  static final String L5 = "LT05_CU_003003_19990614_20170901_C01_V01";
  static final String OTHER_TILE = "LC08_CU_004003_20130414_20170713_C01_V01";

  private SourceFixtures() {}

  static SourceOptions options(Path dataDir) {
    return new SourceOptions(dataDir, S3Settings.aws(Optional.of("us-east-1")), 64, Optional.empty());
  }

  static SourceOptions withList(Path dataDir, Path list) {
    return new SourceOptions(dataDir, S3Settings.aws(Optional.of("us-east-1")), 64, Optional.of(list));
  }

  /** Writes a fake bundle whose bytes are its own name repeated; returns its md5. */
  static String bundle(Path dir, String fileName, int repeat) throws IOException {
    byte[] bytes = fileName.repeat(repeat).getBytes(StandardCharsets.US_ASCII);
    Files.write(dir.resolve(fileName), bytes);
    return md5(bytes);
  }

  static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
