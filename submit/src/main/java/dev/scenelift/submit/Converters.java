package dev.scenelift.submit;

import dev.scenelift.scene.Sensor;
import dev.scenelift.scene.Tile;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option converters whose errors are one line naming the bad value. */
final class Converters {
  private Converters() {}

  static final class TileConverter implements ITypeConverter<Tile> {
    @Override
    public Tile convert(String value) {
      try {
        return Tile.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("'" + value + "': " + e.getMessage());
      }
    }
  }

  static final class SensorConverter implements ITypeConverter<Sensor> {
    @Override
    public Sensor convert(String value) {
      try {
        return Sensor.parse(value.trim());
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("unknown sensor '" + value + "' (LT04, LT05, LE07, LC08 or LC09)");
      }
    }
  }

  static final class DateConverter implements ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
      try {
        return LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + value + "' is not a date (yyyy-mm-dd)");
      }
    }
  }

  /**
   * {@code requester}, the only payer S3 names. The option holds the text: picocli gives a Boolean option the text
   * {@code true} instead of the value typed, so {@code --request-payer requester} could never pass a Boolean converter.
   */
  static final class RequestPayerConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (!value.equals("requester")) {
        throw new TypeConversionException("'" + value + "' is not a request payer; the only one is 'requester'");
      }
      return value;
    }
  }
}
