package dev.scenelift.batch.aws;

import dev.scenelift.manifest.RunManifest;
import dev.scenelift.runs.StageChain;
import java.util.List;
import java.util.Optional;

/**
 * {@code --dry-run} on AWS: submits the run's chain to a {@link DryRunEngine} (no AWS call, no S3 write) and returns
 * the report of the bodies that would be sent, with the estimate.
 */
public final class AwsDryRun {
  private AwsDryRun() {}

  /** As below, with the source bucket's region unknown. */
  public static DryRunReport plan(RunManifest manifest, AwsRunConfig config, StageChain chain) {
    return plan(manifest, config, chain, Optional.empty(), List.of());
  }

  /**
   * @param sourceRegion the region of the {@code s3://} source's bucket ({@code --source-region}), when known: the
   *     estimate prices its transfer as free within the run's region, else as inter-region
   * @param notes the plan's notes (what the source's listing or search found), shown with the report
   */
  public static DryRunReport plan(
      RunManifest manifest, AwsRunConfig config, StageChain chain, Optional<String> sourceRegion, List<String> notes) {
    DryRunEngine engine = new DryRunEngine(config);
    chain.submit(manifest, manifest.layout().manifest(manifest.runId()), engine);
    SourceEstimate.Regions regions = new SourceEstimate.Regions(config.region(), sourceRegion);
    return new DryRunReport(manifest, engine.bodies(), RunEstimate.of(manifest, regions, config.prices()), notes);
  }
}
