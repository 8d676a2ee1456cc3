package dev.scenelift.cog;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A named set of compression settings for the COG driver, the way rio-cogeo keeps its profiles: data, not code. The
 * CLI's {@code --profile} choices come from {@link #KNOWN}.
 *
 * @param name the profile's name, as {@code --profile} takes it
 * @param compress the COG driver's {@code COMPRESS} value
 * @param level the {@code LEVEL} creation option, empty when the codec has none (LZW)
 * @param minLevel lowest level the codec accepts
 * @param maxLevel highest level the codec accepts
 */
public record CogProfile(String name, String compress, OptionalInt level, int minLevel, int maxLevel) {
  /** GDAL 3.6's COG driver: DEFLATE 1..9 (12 with libdeflate), default 6; ZSTD 1..22, default 9; LZW has no level. */
  public static final List<CogProfile> KNOWN =
      List.of(
          new CogProfile("deflate", "DEFLATE", OptionalInt.of(6), 1, 12),
          new CogProfile("zstd", "ZSTD", OptionalInt.of(9), 1, 22),
          new CogProfile("lzw", "LZW", OptionalInt.empty(), 0, 0));

  public static final String DEFAULT = "deflate";

  public CogProfile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(compress, "compress");
    Objects.requireNonNull(level, "level");
    if (level.isPresent() && (level.getAsInt() < minLevel || level.getAsInt() > maxLevel)) {
      throw new IllegalArgumentException(
          "level " + level.getAsInt() + " is outside " + minLevel + ".." + maxLevel + " for profile " + name);
    }
  }

  /** The known profile of that name, case-insensitive. */
  public static CogProfile parse(String name) {
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    return KNOWN.stream()
        .filter(p -> p.name.equals(wanted))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("unknown profile '" + name + "' (expected one of " + names() + ")"));
  }

  public static List<String> names() {
    return KNOWN.stream().map(CogProfile::name).toList();
  }

  /** This profile at another level; rejected for a codec without levels or outside the codec's range. */
  public CogProfile withLevel(int value) {
    if (level.isEmpty()) {
      throw new IllegalArgumentException("profile " + name + " (" + compress + ") has no compression level");
    }
    return new CogProfile(name, compress, OptionalInt.of(value), minLevel, maxLevel);
  }

  /** This profile at the given level, or unchanged when there is none. */
  public CogProfile withLevel(Optional<Integer> value) {
    return value.map(this::withLevel).orElse(this);
  }

  /** The compression part of the creation options: {@code COMPRESS}, {@code LEVEL}, {@code PREDICTOR}. */
  List<String> compressionOptions(boolean integerData) {
    List<String> out = new ArrayList<>();
    out.add("COMPRESS=" + compress);
    level.ifPresent(l -> out.add("LEVEL=" + l));
    // The COG driver maps PREDICTOR=YES to 2 for integer and 3 for floating-point data; we say 2 explicitly for
    // integer bands (horizontal differencing, lossless) and let YES pick 3 for floats.
    out.add("PREDICTOR=" + (integerData ? "2" : "YES"));
    return out;
  }

  /** picocli completion candidates: the known profile names. */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return names().iterator();
    }
  }
}
