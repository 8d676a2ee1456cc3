package dev.scenelift.submit;

import dev.scenelift.collection.CollectionRule;
import dev.scenelift.collection.CollectionRules;
import dev.scenelift.scene.Sensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/**
 * The three collections' options: the rules of the cloud-free set and of the COG research set, and whether cloud-free
 * scenes are copied into the opt tree. They go into the run manifest's options, where every job reads them.
 */
final class CollectionOptions {
  /** The manifest's option cloud-filter reads for promotion into opt/. */
  static final String PROMOTE = "promote";

  @Option(
      names = "--cloud-free-sensors",
      paramLabel = "SENSOR",
      split = ",",
      converter = Converters.SensorConverter.class,
      description = "Cloud-free set (opt/): only these sensors. Default: all.")
  List<Sensor> cloudFreeSensors;

  @Option(
      names = "--cloud-free-max-cloud",
      paramLabel = "PERCENT",
      description = "Cloud-free set: at most this cloud %% of the non-fill pixels (QA band). Default: 10.")
  Double cloudFreeMaxCloud;

  @Option(
      names = "--cloud-free-max-fill",
      paramLabel = "PERCENT",
      description = "Cloud-free set: at most this fill %% of the tile. Default: 100 (fill does not matter).")
  Double cloudFreeMaxFill;

  @Option(
      names = "--cog-sensors",
      paramLabel = "SENSOR",
      split = ",",
      converter = Converters.SensorConverter.class,
      description =
          "COG research set (cog/, \"Landsat 8, no fill, no clouds\"): only these sensors. Default: LC08 (LC09, its"
              + " OLI twin, only when named).")
  List<Sensor> cogSensors;

  @Option(
      names = "--cog-max-cloud",
      paramLabel = "PERCENT",
      description = "COG research set: at most this cloud %%. Default: 1.")
  Double cogMaxCloud;

  @Option(
      names = "--cog-max-fill",
      paramLabel = "PERCENT",
      description = "COG research set: at most this fill %% (a swath covering the tile leaves 1-4 %% at its corners)."
          + " Default: 5.")
  Double cogMaxFill;

  @Option(
      names = "--promote",
      paramLabel = "MODE",
      description =
          "copy: the cloud-free set's scenes are copied into opt/ (server-side CopyObject; on AWS the opt bucket's"
              + " copies are billed as storage), none: opt/ is left alone. Default: copy.")
  String promote;

  /**
   * The manifest options these flags make: every rule, as {@link CollectionRules#asOptions}, and {@code promote}.
   *
   * @throws IllegalArgumentException naming the bad option
   */
  Map<String, String> toManifestOptions() {
    Map<String, String> given = new LinkedHashMap<>();
    sensors(given, CollectionRules.CLOUD_FREE_SENSORS, cloudFreeSensors);
    number(given, CollectionRules.CLOUD_FREE_MAX_CLOUD, cloudFreeMaxCloud);
    number(given, CollectionRules.CLOUD_FREE_MAX_FILL, cloudFreeMaxFill);
    sensors(given, CollectionRules.COG_SENSORS, cogSensors);
    number(given, CollectionRules.COG_MAX_CLOUD, cogMaxCloud);
    number(given, CollectionRules.COG_MAX_FILL, cogMaxFill);
    CollectionRules rules;
    try {
      rules = CollectionRules.fromOptions(given);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + e.getMessage().replaceFirst("^[a-z-]+ rule: ", ""), e);
    }
    Map<String, String> out = new LinkedHashMap<>(rules.asOptions());
    String mode = promote == null ? "copy" : promote.strip().toLowerCase(java.util.Locale.ROOT);
    if (!mode.equals("copy") && !mode.equals("none")) {
      throw new IllegalArgumentException("--promote must be copy or none, got '" + promote + "'");
    }
    out.put(PROMOTE, mode);
    return out;
  }

  private static void sensors(Map<String, String> out, String name, List<Sensor> sensors) {
    if (sensors != null) {
      out.put(name, sensors.stream().map(Sensor::name).collect(Collectors.joining(",")));
    }
  }

  private static void number(Map<String, String> out, String name, Double value) {
    if (value != null) {
      out.put(name, CollectionRule.number(value));
    }
  }
}
