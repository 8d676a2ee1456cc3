package dev.scenelift.batch.aws;

import dev.scenelift.manifest.RunManifest;
import dev.scenelift.runs.StageChain;

/**
 * {@code --dry-run} on AWS: submits the run's chain to a {@link DryRunEngine} (no AWS call, no S3 write) and returns
 * the report of the bodies that would be sent, with the estimate.
 */
public final class AwsDryRun {
  private AwsDryRun() {}

  public static DryRunReport plan(RunManifest manifest, AwsRunConfig config, StageChain chain) {
    DryRunEngine engine = new DryRunEngine(config);
    chain.submit(manifest, manifest.layout().manifest(manifest.runId()), engine);
    boolean sourceOnS3 = manifest.source().startsWith("s3://");
    return new DryRunReport(manifest, engine.bodies(), RunEstimate.of(manifest, sourceOnS3, config.prices()));
  }
}
