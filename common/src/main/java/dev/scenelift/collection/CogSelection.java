package dev.scenelift.collection;

import java.util.Locale;

/**
 * Which scenes cog-convert converts (its {@code --cog}, the manifest's option {@code cog}): the members of one
 * collection, by cloud-filter's verdict. The default is the COG research set, the collection the cog tree is.
 */
public enum CogSelection {
  /** The COG research set. */
  RESEARCH("research", TileCollection.COG_RESEARCH, "COG research set"),
  /** The cloud-free collection's scenes. */
  CLOUD_FREE("cloud-free", TileCollection.CLOUD_FREE, "cloud-free set"),
  /** Every scene of the run (the full tile). */
  ALL("all", TileCollection.FULL, "full tile");

  /** The manifest's option naming the selection. */
  public static final String OPTION = "cog";

  private final String option;
  private final TileCollection collection;
  private final String phrase;

  CogSelection(String option, TileCollection collection, String phrase) {
    this.option = option;
    this.collection = collection;
    this.phrase = phrase;
  }

  /** As options write it: {@code research}, {@code cloud-free}, {@code all}. */
  public String option() {
    return option;
  }

  /** The collection whose members are converted. */
  public TileCollection collection() {
    return collection;
  }

  /** The set in words, e.g. {@code COG research set}. */
  public String phrase() {
    return phrase;
  }

  public static CogSelection parse(String value) {
    for (CogSelection s : values()) {
      if (s.option.equals(value.strip().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException("--cog must be research, cloud-free or all, got '" + value + "'");
  }

  /** The selection a run manifest's options name; {@link #RESEARCH} when they name none. */
  public static CogSelection ofOptions(java.util.Map<String, String> options) {
    return parse(options.getOrDefault(OPTION, RESEARCH.option));
  }
}
