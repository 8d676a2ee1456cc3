package dev.scenelift.submit;

import dev.scenelift.catalog.CatalogPrefilter;
import dev.scenelift.catalog.EarthExplorerCsvReader;
import dev.scenelift.catalog.MalformedCatalogException;
import dev.scenelift.catalog.PrefilterResult;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.TaskSplit;
import dev.scenelift.plan.JobGraph;
import dev.scenelift.plan.RunPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --prefilter-max-cloud}: drops a planned run's scenes whose catalog cloud cover is too high, before the
 * manifest is written, so they are never fetched. The catalog is an EarthExplorer metadata export; the split keeps
 * its k.
 */
final class PlanPrefilter {
  /** The manifest option recording the threshold. */
  static final String OPTION = "prefilter-max-cloud";

  /**
   * @param plan the planner's plan
   * @param result what the catalog kept and dropped
   */
  record Prefiltered(RunPlan plan, PrefilterResult result) {}

  private final Path catalog;
  private final double maxCloud;

  PlanPrefilter(Path catalog, double maxCloud) {
    this.catalog = catalog;
    this.maxCloud = maxCloud;
  }

  /**
   * @throws MalformedCatalogException when the catalog is not an EarthExplorer export, naming the file
   * @throws IllegalArgumentException for a threshold outside [0, 100]
   */
  Prefiltered apply(RunPlan plan) throws IOException, MalformedCatalogException {
    RunManifest m = plan.manifest();
    PrefilterResult result =
        CatalogPrefilter.apply(m.scenes(), new EarthExplorerCsvReader().catalogClouds(catalog), maxCloud);
    Map<String, String> options = new HashMap<>(m.options());
    options.put(OPTION, String.format(Locale.ROOT, "%s", maxCloud));
    RunManifest kept =
        new RunManifest(
            m.runId(), m.tile(), m.source(), m.created(), m.scenesPerTask(), m.layout(), result.kept(), options);
    return new Prefiltered(
        new RunPlan(kept, JobGraph.chain(new TaskSplit(result.kept().size(), m.scenesPerTask()))), result);
  }
}
