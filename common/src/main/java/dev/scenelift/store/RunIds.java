package dev.scenelift.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/** Run ids: {@code <tile>-<utc time>-<4 hex>}, e.g. {@code h03v03-20261124t0530-3f2a}; safe as a key segment and a job name. */
public final class RunIds {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd't'HHmm").withZone(ZoneOffset.UTC);

  private RunIds() {}

  public static String next(String tile, Instant now) {
    return tile + "-" + STAMP.format(now) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }

  public static String requireValid(String runId) {
    if (runId == null || !runId.matches("[a-z0-9][a-z0-9-]{0,100}")) {
      throw new IllegalArgumentException(
          "invalid run id '" + runId + "' (lower-case letters, digits and '-', at most 101 characters)");
    }
    return runId;
  }
}
