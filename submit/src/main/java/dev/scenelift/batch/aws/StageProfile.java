package dev.scenelift.batch.aws;

import dev.scenelift.scene.Stage;

/**
 * What one array child of a stage is assumed to need and achieve: the sizing and the dry-run estimate rest on these
 * figures, which are assumptions, not measurements on AWS.
 *
 * <ul>
 *   <li>fetch-scene: 1 vCPU, 2 GB; streams the USGS archive into S3 at {@value #FETCH_BYTES_PER_SECOND} bytes/s per
 *       child (20 MB/s: one HTTPS stream per bundle, in-region PUTs), so a 2013 Landsat 8 scene (~575 MB) takes ~29 s.
 *   <li>cloud-filter: 1 vCPU, 2 GB; reads the QA band and the XML only, ~5 s a scene.
 *   <li>cog-convert: 2 vCPU, 4 GB; rewrites SR/TA/BT as COGs at ~25 MB/s of input.
 *   <li>index-build: 1 vCPU, 2 GB; one job, 60 s plus 20 ms a scene.
 * </ul>
 *
 * @param stage the stage
 * @param vcpus vCPUs of one child
 * @param memoryGb memory of one child
 * @param bytesPerSecond input throughput of one child (0: fixed time per scene)
 * @param fixedSecondsPerScene time per scene independent of size
 */
public record StageProfile(Stage stage, double vcpus, double memoryGb, double bytesPerSecond, double fixedSecondsPerScene) {
  public static final long FETCH_BYTES_PER_SECOND = 20_000_000L;
  /** Bytes of a 2013 Landsat 8 C1 scene of h03v03 (SR 266 + TA 283 + BT 22 + QA 3.5 MB): used when sizes are unknown. */
  public static final long TYPICAL_SCENE_BYTES = 575_000_000L;

  public static StageProfile of(Stage stage) {
    return switch (stage) {
      case FETCH -> new StageProfile(stage, 1, 2, FETCH_BYTES_PER_SECOND, 0);
      case FILTER -> new StageProfile(stage, 1, 2, 0, 5);
      case COG -> new StageProfile(stage, 2, 4, 25_000_000L, 0);
      case INDEX -> new StageProfile(stage, 1, 2, 0, 0.02);
    };
  }

  /** Seconds one child spends on a scene of {@code bytes}. */
  public double secondsPerScene(long bytes) {
    return fixedSecondsPerScene + (bytesPerSecond > 0 ? bytes / bytesPerSecond : 0);
  }
}
