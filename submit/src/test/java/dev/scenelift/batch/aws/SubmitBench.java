package dev.scenelift.batch.aws;

import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.runs.StageChain;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * bench/submit: plans the real 2357-scene h03v03 list (manifest, k, dry-run bodies and estimate) and submits it through
 * {@link AwsBatchEngine} to the Batch API played by WireMock on loopback. Prints phase times and the API calls made;
 * the last line is {@code submit seconds=<s> api_calls=<n>}. Not a test.
 */
public final class SubmitBench {
  private SubmitBench() {}

  public static void main(String[] args) throws Exception {
    try (BatchApiServer api = new BatchApiServer()) {
      String cold = round(api, "h03v03-bench-cold");
      api.defaults();
      String warm = round(api, "h03v03-bench-warm");
      System.out.println("warm (same JVM, second round): " + warm);
      System.out.printf(
          Locale.ROOT, "load_average=%.1f cores=%d%n",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());
      System.out.println(cold);
    }
  }

  /** One plan + dry run + submit; returns the {@code submit seconds=… api_calls=…} line. */
  private static String round(BatchApiServer api, String runId) throws Exception {
    long t0 = System.nanoTime();
    List<SceneEntry> scenes = RealTileList.scenes();
    RunManifest manifest = RealTileList.manifest(runId, api.config().layout(), scenes, OptionalInt.empty());
    long t1 = System.nanoTime();
    StageChain chain = new StageChain(Optional.empty(), Map.of());
    DryRunEngine dry = new DryRunEngine(api.config());
    chain.submit(manifest, manifest.layout().manifest(manifest.runId()), dry);
    RunEstimate estimate = RunEstimate.of(manifest, SourceEstimate.Regions.UNKNOWN, api.config().prices());
    long t2 = System.nanoTime();
    List<String> ids;
    try (AwsBatchEngine engine = new AwsBatchEngine(api.client(), true, api.config(), BatchCallPolicy.defaults())) {
      ids = chain.submit(manifest, manifest.layout().manifest(manifest.runId()), engine);
    }
    long t3 = System.nanoTime();
    System.out.printf(
        Locale.ROOT,
        "%s: scenes=%d scenes_per_task=%d tasks=%d jobs=%d plan_s=%.3f dry_run_s=%.3f submit_api_s=%.3f"
            + " estimate_spot_usd=%.2f estimate_fargate_usd=%.2f%n",
        runId,
        manifest.scenes().size(),
        manifest.scenesPerTask(),
        manifest.split().taskCount(),
        ids.size(),
        (t1 - t0) / 1e9,
        (t2 - t1) / 1e9,
        (t3 - t2) / 1e9,
        estimate.spotDollars(),
        estimate.fargateDollars());
    return String.format(Locale.ROOT, "submit seconds=%.3f api_calls=%d", (t3 - t0) / 1e9, api.totalRequests());
  }
}
