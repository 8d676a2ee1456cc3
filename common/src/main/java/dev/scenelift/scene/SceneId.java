package dev.scenelift.scene;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The id of one ARD tile acquisition, e.g. {@code LC08_CU_003003_20130414_20170713_C01_V01} (Collection 1) or
 * {@code LC08_CU_003003_20210618_20210702_02} (Collection 2).
 *
 * <p>Only validated ids exist: every S3 key the project writes is derived from one, so nothing outside the id grammar
 * can reach a key.
 */
public record SceneId(
    Sensor sensor, String region, Tile tile, LocalDate acquired, LocalDate produced, Collection collection) {

  private static final Pattern ID =
      Pattern.compile("(L[TEC]0[4-9])_(CU|AK|HI)_(\\d{6})_(\\d{8})_(\\d{8})_(C01_V0[1-9]|02)");
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  public SceneId {
    Objects.requireNonNull(sensor, "sensor");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(tile, "tile");
    Objects.requireNonNull(acquired, "acquired");
    Objects.requireNonNull(produced, "produced");
    Objects.requireNonNull(collection, "collection");
    if (produced.isBefore(acquired)) {
      throw new IllegalArgumentException("production date " + produced + " precedes acquisition " + acquired);
    }
  }

  /**
   * Parses an id; surrounding white space is ignored.
   *
   * @throws InvalidSceneIdException naming the offending text and what is wrong with it
   */
  public static SceneId parse(String text) {
    if (text == null) {
      throw new InvalidSceneIdException("null", "no scene id given");
    }
    String t = text.strip();
    Matcher m = ID.matcher(t);
    if (!m.matches()) {
      throw new InvalidSceneIdException(
          t, "expected e.g. LC08_CU_003003_20130414_20170713_C01_V01 or LC08_CU_003003_20210618_20210702_02");
    }
    try {
      return new SceneId(
          Sensor.parse(m.group(1)),
          m.group(2),
          Tile.parse(m.group(3)),
          LocalDate.parse(m.group(4), DAY),
          LocalDate.parse(m.group(5), DAY),
          m.group(6).equals("02") ? Collection.C2 : Collection.C1);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new InvalidSceneIdException(t, e.getMessage());
    }
  }

  /** The shortest string of the form {@code <sensor>_<region>_<grid>_<acquired>} that names the acquisition. */
  public String acquisitionKey() {
    return sensor + "_" + region + "_" + tile.gridCode() + "_" + DAY.format(acquired);
  }

  @Override
  public String toString() {
    String suffix = collection == Collection.C1 ? "C01_V01" : "02";
    return acquisitionKey() + "_" + DAY.format(produced) + "_" + suffix;
  }
}
