package dev.scenelift.collection;

import dev.scenelift.scene.Sensor;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one place that says which scenes belong to which collection. cloud-filter judges each scene with it and records
 * the memberships in {@code cloud.json}; cog-convert converts the members of the COG research set; index-build pages
 * each collection's members; submit-run takes the rules as options and records them in the run manifest ({@link
 * #asOptions}), where every job reads them back ({@link #fromOptions}).
 *
 * <p>Defaults, from what the 2017 collections' names say: <b>cloud-free</b> is every sensor with at most 10 % cloud
 * (fill does not matter: a half-covered tile with a clear sky is cloud-free); the <b>COG research set</b> ("Landsat 8,
 * no fill, no clouds") is LC08 alone (the name says Landsat 8, and the set predates Landsat 9: LC09 is one option
 * away), at most 1 % cloud (QA flags a few pixels of almost every clear scene: at 0 % none of the 353 LC08 scenes of
 * h03v03 would qualify, at 1 % 13 do) and at most 5 % fill (fill is a scene's geometry: on h03v03 an LC08 acquisition
 * either covers the tile, leaving 1–4 % fill at its corners, or half of it, 58 % and more).
 *
 * @param cloudFree the cloud-free rule
 * @param cogResearch the COG research set's rule
 * @param cirrusIsCloud count cirrus pixels as cloud (both rules)
 * @param dilatedIsCloud count dilated-cloud pixels (Collection 2) as cloud (both rules)
 */
public record CollectionRules(
    CollectionRule cloudFree, CollectionRule cogResearch, boolean cirrusIsCloud, boolean dilatedIsCloud) {
  public static final String CLOUD_FREE_SENSORS = "cloud-free-sensors";
  public static final String CLOUD_FREE_MAX_CLOUD = "cloud-free-max-cloud";
  public static final String CLOUD_FREE_MAX_SHADOW = "cloud-free-max-shadow";
  public static final String CLOUD_FREE_MAX_FILL = "cloud-free-max-fill";
  public static final String COG_SENSORS = "cog-sensors";
  public static final String COG_MAX_CLOUD = "cog-max-cloud";
  public static final String COG_MAX_SHADOW = "cog-max-shadow";
  public static final String COG_MAX_FILL = "cog-max-fill";
  public static final String CIRRUS_IS_CLOUD = "cirrus-is-cloud";
  public static final String DILATED_IS_CLOUD = "dilated-is-cloud";

  public static final CollectionRules DEFAULTS =
      new CollectionRules(
          new CollectionRule(EnumSet.allOf(Sensor.class), 10, 100, 100),
          new CollectionRule(EnumSet.of(Sensor.LC08), 1, 100, 5),
          false,
          false);

  public CollectionRules {
    Objects.requireNonNull(cloudFree, "cloudFree");
    Objects.requireNonNull(cogResearch, "cogResearch");
  }

  /**
   * The rules that {@code options} (a run manifest's, or a job's flags over them) name; what they leave out is {@link
   * #DEFAULTS}'.
   *
   * @throws IllegalArgumentException naming the option whose value is bad
   */
  public static CollectionRules fromOptions(Map<String, String> options) {
    return new CollectionRules(
        rule(options, "cloud-free", DEFAULTS.cloudFree, CLOUD_FREE_SENSORS, CLOUD_FREE_MAX_CLOUD, CLOUD_FREE_MAX_SHADOW,
            CLOUD_FREE_MAX_FILL),
        rule(options, "cog", DEFAULTS.cogResearch, COG_SENSORS, COG_MAX_CLOUD, COG_MAX_SHADOW, COG_MAX_FILL),
        bool(options, CIRRUS_IS_CLOUD, DEFAULTS.cirrusIsCloud),
        bool(options, DILATED_IS_CLOUD, DEFAULTS.dilatedIsCloud));
  }

  private static CollectionRule rule(
      Map<String, String> options, String name, CollectionRule fallback, String sensors, String cloud, String shadow,
      String fill) {
    try {
      return new CollectionRule(
          sensors(options, sensors, fallback.sensors()),
          number(options, cloud, fallback.maxCloud()),
          number(options, shadow, fallback.maxShadow()),
          number(options, fill, fallback.maxFill()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " rule: " + e.getMessage(), e);
    }
  }

  /** As the run manifest's options and {@code cloud.json}'s {@code thresholds} record them. */
  public Map<String, String> asOptions() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(CLOUD_FREE_SENSORS, cloudFree.sensorList());
    m.put(CLOUD_FREE_MAX_CLOUD, CollectionRule.number(cloudFree.maxCloud()));
    m.put(CLOUD_FREE_MAX_SHADOW, CollectionRule.number(cloudFree.maxShadow()));
    m.put(CLOUD_FREE_MAX_FILL, CollectionRule.number(cloudFree.maxFill()));
    m.put(COG_SENSORS, cogResearch.sensorList());
    m.put(COG_MAX_CLOUD, CollectionRule.number(cogResearch.maxCloud()));
    m.put(COG_MAX_SHADOW, CollectionRule.number(cogResearch.maxShadow()));
    m.put(COG_MAX_FILL, CollectionRule.number(cogResearch.maxFill()));
    m.put(CIRRUS_IS_CLOUD, Boolean.toString(cirrusIsCloud));
    m.put(DILATED_IS_CLOUD, Boolean.toString(dilatedIsCloud));
    return m;
  }

  /** The rule of a selective collection; the full tile has none (every scene belongs). */
  public CollectionRule rule(TileCollection collection) {
    return switch (collection) {
      case CLOUD_FREE -> cloudFree;
      case COG_RESEARCH -> cogResearch;
      case FULL -> throw new IllegalArgumentException("the full tile has no rule: every scene belongs");
    };
  }

  /** The rule of a collection in words, e.g. {@code LC08; cloud ≤ 1%, fill ≤ 5%}. */
  public String describe(TileCollection collection) {
    return collection == TileCollection.FULL ? "every scene" : rule(collection).describe();
  }

  /** The key of {@code cloud.json}'s {@code percent} that counts as cloud under these settings. */
  public String cloudKey() {
    if (cirrusIsCloud && dilatedIsCloud) {
      return "cloud_or_cirrus_or_dilated";
    }
    if (cirrusIsCloud) {
      return "cloud_or_cirrus";
    }
    return dilatedIsCloud ? "cloud_or_dilated" : "cloud";
  }

  /**
   * Which collections a scene with these QA percentages belongs to, every collection in order.
   *
   * @param percent {@code cloud.json}'s {@code percent}: the cloud key, {@code shadow} and {@code fill} are read
   * @throws IllegalArgumentException when a percentage the rules need is missing
   */
  public Map<TileCollection, Membership> judge(Sensor sensor, Map<String, Double> percent) {
    String key = cloudKey();
    double cloud = get(percent, key);
    double shadow = get(percent, "shadow");
    double fill = get(percent, "fill");
    Map<TileCollection, Membership> out = new EnumMap<>(TileCollection.class);
    out.put(TileCollection.FULL, new Membership(true, "every scene"));
    for (TileCollection c : List.of(TileCollection.CLOUD_FREE, TileCollection.COG_RESEARCH)) {
      List<String> misses = rule(c).misses(sensor, key.replace('_', ' '), cloud, shadow, fill);
      out.put(c, misses.isEmpty() ? new Membership(true, "clear") : new Membership(false, String.join("; ", misses)));
    }
    return out;
  }

  private static double get(Map<String, Double> percent, String key) {
    Double v = percent.get(key);
    if (v == null) {
      throw new IllegalArgumentException("the stored percentages lack '" + key + "'; rerun with --recompute");
    }
    return v;
  }

  private static Set<Sensor> sensors(Map<String, String> options, String name, Set<Sensor> fallback) {
    String v = options.get(name);
    if (v == null) {
      return fallback;
    }
    if (v.isBlank() || v.strip().equalsIgnoreCase("all")) {
      return EnumSet.allOf(Sensor.class);
    }
    Set<Sensor> out = EnumSet.noneOf(Sensor.class);
    for (String s : Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()) {
      try {
        out.add(Sensor.parse(s));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static double number(Map<String, String> options, String name, double fallback) {
    String v = options.get(name);
    if (v == null) {
      return fallback;
    }
    double d;
    try {
      d = Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is not a number: '" + v + "'", e);
    }
    if (!(d >= 0 && d <= 100)) {
      throw new IllegalArgumentException(name + " must be a percentage in [0, 100], got " + v.strip());
    }
    return d;
  }

  private static boolean bool(Map<String, String> options, String name, boolean fallback) {
    String v = options.get(name);
    if (v == null) {
      return fallback;
    }
    return switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new IllegalArgumentException(name + " is not true/false: '" + v + "'");
    };
  }
}
