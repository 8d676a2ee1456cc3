package dev.scenelift.metadata;

import dev.scenelift.scene.Collection;
import dev.scenelift.scene.InvalidSceneIdException;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Collection 2 ARD tile metadata, {@code <LANDSAT_METADATA_FILE>}.
 *
 * <p><b>Built from USGS's documentation, not from a real file</b> (none could be found; see
 * {@code ard-samples/SOURCES.md}). It reads the small subset scenelift needs, in the MTL-like layout USGS uses for
 * Collection 2: {@code TILE_METADATA/PRODUCT_CONTENTS} (LANDSAT_PRODUCT_ID, DATE_PRODUCT_GENERATED, FILE_NAME_x with
 * optional DATA_TYPE_x), {@code TILE_METADATA/IMAGE_ATTRIBUTES} (SPACECRAFT_ID, SENSOR_ID, DATE_ACQUIRED,
 * TILE_GRID_REGION, TILE_GRID_H, TILE_GRID_V, SCENE_COUNT, CLOUD_COVER, CLOUD_SHADOW_COVER, SNOW_ICE_COVER, FILL),
 * {@code TILE_METADATA/PROJECTION_ATTRIBUTES} (MAP_PROJECTION, DATUM, the four CORNER_xx_LAT/LON_PRODUCT and the UL/LR
 * CORNER_xx_PROJECTION_X/Y_PRODUCT) and one {@code SCENE_METADATA/IMAGE_ATTRIBUTES} per contributing scene
 * (LANDSAT_PRODUCT_ID, LANDSAT_SCENE_ID, SPACECRAFT_ID, SENSOR_ID, DATE_ACQUIRED, WRS_PATH, WRS_ROW). Revisit when a
 * real file is at hand.
 */
final class C2TileXml {
  private static final String PC = "TILE_METADATA/PRODUCT_CONTENTS/";
  private static final String IA = "TILE_METADATA/IMAGE_ATTRIBUTES/";
  private static final String PA = "TILE_METADATA/PROJECTION_ATTRIBUTES/";

  private C2TileXml() {}

  static ArdMetadata read(Element root, String source) throws MetadataFieldException {
    Fields f = new Fields(source);
    Element tileMeta = f.element(root, "TILE_METADATA", "TILE_METADATA");
    Element contents = f.element(tileMeta, "PRODUCT_CONTENTS", "TILE_METADATA/PRODUCT_CONTENTS");
    String idText = f.text(contents, "LANDSAT_PRODUCT_ID", PC + "LANDSAT_PRODUCT_ID");
    SceneId id;
    try {
      id = SceneId.parse(idText);
    } catch (InvalidSceneIdException e) {
      throw f.malformed(PC + "LANDSAT_PRODUCT_ID", idText, "a C2 ARD tile id like LC08_CU_003003_20210618_20210702_02");
    }
    if (id.collection() != Collection.C2) {
      throw f.malformed(PC + "LANDSAT_PRODUCT_ID", idText, "a Collection 2 id (ending _02)");
    }
    f = f.forScene(id.toString());
    Element image = f.element(tileMeta, "IMAGE_ATTRIBUTES", "TILE_METADATA/IMAGE_ATTRIBUTES");
    LocalDate acquired = f.date(image, "DATE_ACQUIRED", IA + "DATE_ACQUIRED");
    if (!acquired.equals(id.acquired())) {
      throw f.malformed(IA + "DATE_ACQUIRED", acquired.toString(), id.acquired() + " as in the product id");
    }
    int h = f.integer(image, "TILE_GRID_H", IA + "TILE_GRID_H");
    int v = f.integer(image, "TILE_GRID_V", IA + "TILE_GRID_V");
    if (h != id.tile().h() || v != id.tile().v()) {
      throw f.malformed(IA + "TILE_GRID_H|TILE_GRID_V", "h=" + h + " v=" + v, id.tile() + " as in the product id");
    }
    Tile tile = id.tile();
    Optional<String> region = f.optText(image, "TILE_GRID_REGION");
    CoverPercent cover;
    double cloud = f.decimal(image, "CLOUD_COVER", IA + "CLOUD_COVER");
    double shadow = f.decimal(image, "CLOUD_SHADOW_COVER", IA + "CLOUD_SHADOW_COVER");
    double snow = f.decimal(image, "SNOW_ICE_COVER", IA + "SNOW_ICE_COVER");
    double fill = f.decimal(image, "FILL", IA + "FILL");
    try {
      cover = new CoverPercent(cloud, shadow, snow, fill);
    } catch (IllegalArgumentException e) {
      throw new MetadataFieldException(f.scene(), IA + "CLOUD_COVER|CLOUD_SHADOW_COVER|SNOW_ICE_COVER|FILL", e.getMessage());
    }
    List<ContributingScene> scenes = scenes(root, f);
    int sceneCount = f.integer(image, "SCENE_COUNT", IA + "SCENE_COUNT");
    if (sceneCount != scenes.size()) {
      throw f.malformed(IA + "SCENE_COUNT", Integer.toString(sceneCount), scenes.size() + " (SCENE_METADATA groups)");
    }
    Element proj = f.element(tileMeta, "PROJECTION_ATTRIBUTES", "TILE_METADATA/PROJECTION_ATTRIBUTES");
    return new ArdMetadata(
        id,
        "C2 " + (root.getNamespaceURI() == null ? "(no namespace)" : root.getNamespaceURI()),
        acquired,
        f.instant(contents, "DATE_PRODUCT_GENERATED", PC + "DATE_PRODUCT_GENERATED"),
        f.text(image, "SPACECRAFT_ID", IA + "SPACECRAFT_ID"),
        f.text(image, "SENSOR_ID", IA + "SENSOR_ID"),
        region,
        tile,
        sceneCount,
        cover,
        bounds(proj, f),
        projection(proj, f),
        bands(contents, f),
        scenes);
  }

  private static GeoBounds bounds(Element proj, Fields f) throws MetadataFieldException {
    double west = Double.POSITIVE_INFINITY;
    double east = Double.NEGATIVE_INFINITY;
    double south = Double.POSITIVE_INFINITY;
    double north = Double.NEGATIVE_INFINITY;
    for (String corner : List.of("UL", "UR", "LL", "LR")) {
      double lat = f.decimal(proj, "CORNER_" + corner + "_LAT_PRODUCT", PA + "CORNER_" + corner + "_LAT_PRODUCT");
      double lon = f.decimal(proj, "CORNER_" + corner + "_LON_PRODUCT", PA + "CORNER_" + corner + "_LON_PRODUCT");
      west = Math.min(west, lon);
      east = Math.max(east, lon);
      south = Math.min(south, lat);
      north = Math.max(north, lat);
    }
    try {
      return new GeoBounds(west, east, north, south);
    } catch (IllegalArgumentException e) {
      throw new MetadataFieldException(f.scene(), PA + "CORNER_*_PRODUCT", e.getMessage());
    }
  }

  private static ProjectionInfo projection(Element proj, Fields f) throws MetadataFieldException {
    try {
      return new ProjectionInfo(
          f.text(proj, "MAP_PROJECTION", PA + "MAP_PROJECTION"),
          f.text(proj, "DATUM", PA + "DATUM"),
          f.optText(proj, "GRID_CELL_UNITS").orElse("meters"),
          f.decimal(proj, "CORNER_UL_PROJECTION_X_PRODUCT", PA + "CORNER_UL_PROJECTION_X_PRODUCT"),
          f.decimal(proj, "CORNER_UL_PROJECTION_Y_PRODUCT", PA + "CORNER_UL_PROJECTION_Y_PRODUCT"),
          f.decimal(proj, "CORNER_LR_PROJECTION_X_PRODUCT", PA + "CORNER_LR_PROJECTION_X_PRODUCT"),
          f.decimal(proj, "CORNER_LR_PROJECTION_Y_PRODUCT", PA + "CORNER_LR_PROJECTION_Y_PRODUCT"),
          "UL");
    } catch (IllegalArgumentException e) {
      throw new MetadataFieldException(f.scene(), PA + "CORNER_*_PROJECTION_*_PRODUCT", e.getMessage());
    }
  }

  /** Each {@code FILE_NAME_<band>} is a band; {@code DATA_TYPE_<band>} and {@code SCALE_FACTOR_<band>} are optional. */
  private static List<BandInfo> bands(Element contents, Fields f) throws MetadataFieldException {
    List<BandInfo> out = new ArrayList<>();
    for (Node n = contents.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getLocalName().startsWith("FILE_NAME_")) {
        String band = e.getLocalName().substring("FILE_NAME_".length());
        String file = e.getTextContent().strip();
        if (file.isEmpty()) {
          throw f.missing(PC + e.getLocalName());
        }
        OptionalDouble scale =
            f.optText(contents, "SCALE_FACTOR_" + band).isPresent()
                ? OptionalDouble.of(f.decimal(contents, "SCALE_FACTOR_" + band, PC + "SCALE_FACTOR_" + band))
                : OptionalDouble.empty();
        out.add(
            new BandInfo(
                band,
                file,
                f.optText(contents, "DATA_TYPE_" + band).orElse(""),
                f.optText(contents, "FILL_VALUE_" + band),
                scale,
                band.startsWith("QA") ? "qa" : "image"));
      }
    }
    if (out.isEmpty()) {
      throw f.missing(PC + "FILE_NAME_*");
    }
    return out;
  }

  private static List<ContributingScene> scenes(Element root, Fields f) throws MetadataFieldException {
    List<ContributingScene> out = new ArrayList<>();
    List<Element> groups = Fields.children(root, "SCENE_METADATA");
    for (int i = 0; i < groups.size(); i++) {
      String path = "SCENE_METADATA[" + (i + 1) + "]/IMAGE_ATTRIBUTES";
      Element a = f.element(groups.get(i), "IMAGE_ATTRIBUTES", path);
      out.add(
          new ContributingScene(
              i + 1,
              f.text(a, "SPACECRAFT_ID", path + "/SPACECRAFT_ID"),
              f.text(a, "SENSOR_ID", path + "/SENSOR_ID"),
              f.date(a, "DATE_ACQUIRED", path + "/DATE_ACQUIRED"),
              f.text(a, "LANDSAT_PRODUCT_ID", path + "/LANDSAT_PRODUCT_ID"),
              f.optText(a, "LANDSAT_SCENE_ID").orElse(""),
              f.optText(a, "WRS_PATH").isPresent()
                  ? OptionalInt.of(f.integer(a, "WRS_PATH", path + "/WRS_PATH"))
                  : OptionalInt.empty(),
              f.optText(a, "WRS_ROW").isPresent()
                  ? OptionalInt.of(f.integer(a, "WRS_ROW", path + "/WRS_ROW"))
                  : OptionalInt.empty()));
    }
    return out;
  }
}
