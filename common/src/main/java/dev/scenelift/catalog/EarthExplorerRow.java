package dev.scenelift.catalog;

import dev.scenelift.scene.SceneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One row of an EarthExplorer metadata export of the ARD tile dataset.
 *
 * @param line the 1-based record number counting the header as 1 (the line, when no field spans lines)
 * @param scene the {@code Tile Identifier}
 * @param cloudCover {@code Cloud Cover}, percent
 * @param cloudShadow {@code Cloud Shadow}, percent, when the export has that column
 * @param snowIce {@code Snow Ice}, percent, when present
 * @param fill {@code Fill (No Data)}, percent, when present
 * @param columns every column of the row by its header, as text (e.g. {@code UL Corner Lat} = {@code 44°41'17.09"N})
 */
public record EarthExplorerRow(
    int line,
    SceneId scene,
    double cloudCover,
    OptionalDouble cloudShadow,
    OptionalDouble snowIce,
    OptionalDouble fill,
    Map<String, String> columns) {
  public EarthExplorerRow {
    Objects.requireNonNull(scene, "scene");
    columns = Map.copyOf(columns);
  }

  public Optional<String> column(String header) {
    return Optional.ofNullable(columns.get(header));
  }

  public CatalogCloud toCatalogCloud(String source) {
    return new CatalogCloud(scene, cloudCover, fill, source);
  }
}
