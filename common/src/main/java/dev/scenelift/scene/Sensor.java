package dev.scenelift.scene;

import java.util.List;

/** The Landsat sensors that contribute to U.S. ARD, by the four-character code that opens every scene id. */
public enum Sensor {
  LT04("LANDSAT_4", "TM", List.of("B3", "B2", "B1")),
  LT05("LANDSAT_5", "TM", List.of("B3", "B2", "B1")),
  LE07("LANDSAT_7", "ETM", List.of("B3", "B2", "B1")),
  LC08("LANDSAT_8", "OLI_TIRS", List.of("B4", "B3", "B2")),
  LC09("LANDSAT_9", "OLI_TIRS", List.of("B4", "B3", "B2"));

  private final String platform;
  private final String instrument;
  private final List<String> trueColourBands;

  Sensor(String platform, String instrument, List<String> trueColourBands) {
    this.platform = platform;
    this.instrument = instrument;
    this.trueColourBands = trueColourBands;
  }

  /** The spacecraft as USGS metadata names it, e.g. {@code LANDSAT_8}. */
  public String platform() {
    return platform;
  }

  /** The instrument as USGS metadata names it, e.g. {@code OLI_TIRS}. */
  public String instrument() {
    return instrument;
  }

  /** The SR band names (red, green, blue) that make a true-colour picture, e.g. B4, B3, B2 for Landsat 8. */
  public List<String> trueColourBands() {
    return trueColourBands;
  }

  /** Landsat 8 and 9 carry OLI, whose QA has cirrus and terrain-occlusion bits. */
  public boolean isOli() {
    return this == LC08 || this == LC09;
  }

  /** The STAC/eo3 platform name, e.g. {@code landsat-8}. */
  public String stacPlatform() {
    return "landsat-" + name().substring(3).replaceFirst("^0", "");
  }

  public static Sensor parse(String code) {
    try {
      return valueOf(code.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown sensor '" + code + "' (expected one of LT04, LT05, LE07, LC08, LC09)");
    }
  }
}
