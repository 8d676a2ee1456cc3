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
  record Prefiltered(RunPlan plan, PrefilterResult result, String catalogSummary) {
    /** What the pre-filter did to this run, then what the catalog as a whole holds. */
    String lines() {
      return result.summary() + System.lineSeparator() + catalogSummary;
    }
  }

  private final String catalog;
  private final Map<dev.scenelift.scene.SceneId, dev.scenelift.catalog.CatalogCloud> clouds;
  private final double maxCloud;

  /**
   * @param catalog names the catalog in the summary (a file name, a STAC API)
   * @param clouds the catalog's cloud cover by scene
   */
  PlanPrefilter(
      String catalog, Map<dev.scenelift.scene.SceneId, dev.scenelift.catalog.CatalogCloud> clouds, double maxCloud) {
    this.catalog = catalog;
    this.clouds = Map.copyOf(clouds);
    this.maxCloud = maxCloud;
  }

  /**
   * From an EarthExplorer metadata export.
   *
   * @throws MalformedCatalogException when the file is not an EarthExplorer export, naming it
   */
  static PlanPrefilter earthExplorer(Path csv, double maxCloud) throws IOException, MalformedCatalogException {
    return new PlanPrefilter(csv.getFileName().toString(), new EarthExplorerCsvReader().catalogClouds(csv), maxCloud);
  }

  /**
   * @throws IllegalArgumentException for a threshold outside [0, 100]
   */
  Prefiltered apply(RunPlan plan) {
    RunManifest m = plan.manifest();
    PrefilterResult result = CatalogPrefilter.apply(m.scenes(), clouds, maxCloud);
    long clear = clouds.values().stream().filter(c -> c.cloudCover() <= maxCloud).count();
    String catalogSummary =
        String.format(
            Locale.ROOT,
            "catalog %s: %d of %d scenes at or under %s%% cloud",
            catalog,
            clear,
            clouds.size(),
            java.math.BigDecimal.valueOf(maxCloud).stripTrailingZeros().toPlainString());
    Map<String, String> options = new HashMap<>(m.options());
    options.put(OPTION, String.format(Locale.ROOT, "%s", maxCloud));
    RunManifest kept =
        new RunManifest(
            m.runId(), m.tile(), m.source(), m.created(), m.scenesPerTask(), m.layout(), result.kept(), options);
    return new Prefiltered(
        new RunPlan(kept, JobGraph.chain(new TaskSplit(result.kept().size(), m.scenesPerTask()))),
        result,
        catalogSummary);
  }
}
