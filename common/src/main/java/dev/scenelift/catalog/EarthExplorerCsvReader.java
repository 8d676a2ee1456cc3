package dev.scenelift.catalog;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.scenelift.scene.InvalidSceneIdException;
import dev.scenelift.scene.SceneId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Reads an EarthExplorer metadata export (CSV) of the U.S. ARD tile dataset. The header row decides the columns:
 * {@code Tile Identifier} and {@code Cloud Cover} are required; {@code Cloud Shadow}, {@code Snow Ice} and {@code Fill
 * (No Data)} are read when present; every column is kept as text.
 *
 * <p>EarthExplorer writes ISO-8859-1 (degree signs in the corner columns). The bytes are decoded as UTF-8 when they
 * are valid UTF-8, otherwise as ISO-8859-1, so both an original export and a re-saved UTF-8 copy read right.
 */
public final class EarthExplorerCsvReader {
  public static final String TILE_IDENTIFIER = "Tile Identifier";
  public static final String CLOUD_COVER = "Cloud Cover";
  public static final String CLOUD_SHADOW = "Cloud Shadow";
  public static final String SNOW_ICE = "Snow Ice";
  public static final String FILL = "Fill (No Data)";

  private final CsvMapper mapper = new CsvMapper();

  /** Reads every row of the file. */
  public List<EarthExplorerRow> read(Path file) throws IOException, MalformedCatalogException {
    return read(Files.readAllBytes(file), file.getFileName().toString());
  }

  /** Reads every row of a stream the caller owns (not closed here). */
  public List<EarthExplorerRow> read(InputStream in, String source) throws IOException, MalformedCatalogException {
    return read(in.readAllBytes(), source);
  }

  /** The scene ids of the file, in file order: the form a scene list takes. */
  public List<SceneId> sceneIds(Path file) throws IOException, MalformedCatalogException {
    return read(file).stream().map(EarthExplorerRow::scene).toList();
  }

  /** The catalog cloud values of the file, by scene. */
  public Map<SceneId, CatalogCloud> catalogClouds(Path file) throws IOException, MalformedCatalogException {
    Map<SceneId, CatalogCloud> out = new LinkedHashMap<>();
    String source = "earthexplorer-csv:" + file.getFileName();
    for (EarthExplorerRow row : read(file)) {
      out.put(row.scene(), row.toCatalogCloud(source));
    }
    return out;
  }

  List<EarthExplorerRow> read(byte[] bytes, String source) throws IOException, MalformedCatalogException {
    String text = decode(bytes);
    if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
      text = text.substring(1);
    }
    CsvSchema schema = CsvSchema.emptySchema().withHeader();
    List<EarthExplorerRow> rows = new ArrayList<>();
    Set<SceneId> seen = new HashSet<>();
    try (MappingIterator<Map<String, String>> it =
        mapper
            .readerForMapOf(String.class)
            .with(schema)
            .with(CsvParser.Feature.FAIL_ON_MISSING_HEADER_COLUMNS)
            .readValues(text)) {
      boolean checkedHeader = false;
      while (it.hasNextValue()) {
        Map<String, String> row = it.nextValue();
        int line = rows.size() + 2;
        if (!checkedHeader) {
          CsvSchema header = (CsvSchema) it.getParserSchema();
          for (String required : List.of(TILE_IDENTIFIER, CLOUD_COVER)) {
            if (header.column(required) == null) {
              throw new MalformedCatalogException(
                  source + ": the header has no '" + required + "' column (columns: " + header.getColumnDesc() + ")");
            }
          }
          checkedHeader = true;
        }
        EarthExplorerRow parsed = row(row, line, source);
        if (!seen.add(parsed.scene())) {
          throw new MalformedCatalogException(source + " line " + line + ": " + parsed.scene() + " is listed twice");
        }
        rows.add(parsed);
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new MalformedCatalogException(source + ": not a readable CSV: " + e.getOriginalMessage(), e);
    } catch (RuntimeException e) {
      if (e.getCause() instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
        throw new MalformedCatalogException(source + ": not a readable CSV: " + j.getOriginalMessage(), j);
      }
      throw e;
    }
    return rows;
  }

  private static EarthExplorerRow row(Map<String, String> row, int line, String source)
      throws MalformedCatalogException {
    String idText = value(row, TILE_IDENTIFIER);
    if (idText == null) {
      throw new MalformedCatalogException(source + " line " + line + ": column '" + TILE_IDENTIFIER + "' is empty");
    }
    SceneId id;
    try {
      id = SceneId.parse(idText);
    } catch (InvalidSceneIdException e) {
      throw new MalformedCatalogException(
          source + " line " + line + ": column '" + TILE_IDENTIFIER + "': " + e.getMessage(), e);
    }
    String where = source + " line " + line + " (" + id + ")";
    OptionalDouble cloud = percent(row, CLOUD_COVER, where);
    if (cloud.isEmpty()) {
      throw new MalformedCatalogException(where + ": column '" + CLOUD_COVER + "' is empty");
    }
    return new EarthExplorerRow(
        line,
        id,
        cloud.getAsDouble(),
        percent(row, CLOUD_SHADOW, where),
        percent(row, SNOW_ICE, where),
        percent(row, FILL, where),
        row);
  }

  private static String value(Map<String, String> row, String column) {
    String v = row.get(column);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static OptionalDouble percent(Map<String, String> row, String column, String where)
      throws MalformedCatalogException {
    String v = value(row, column);
    if (v == null) {
      return OptionalDouble.empty();
    }
    double d;
    try {
      d = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new MalformedCatalogException(where + ": column '" + column + "' is not a number: '" + v + "'");
    }
    if (!(d >= 0 && d <= 100)) {
      throw new MalformedCatalogException(where + ": column '" + column + "' is not a percentage: " + v);
    }
    return OptionalDouble.of(d);
  }

  private static String decode(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }
}
