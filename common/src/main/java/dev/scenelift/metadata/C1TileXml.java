package dev.scenelift.metadata;

import dev.scenelift.scene.InvalidSceneIdException;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.w3c.dom.Element;

/**
 * Collection 1 {@code <ard_metadata>}: the 2017 pre-release ({@code http://ard.cr.usgs.gov/v1}, no region or
 * ard_version) and the v1.0/v1.1 releases ({@code https://landsat.usgs.gov/ard/v1}). Elements are matched by local name
 * so all three read alike.
 */
final class C1TileXml {
  private static final String TILE = "tile_metadata/global_metadata/";

  private C1TileXml() {}

  static ArdMetadata read(Element root, String source) throws MetadataFieldException {
    Fields f = new Fields(source);
    Element tileMeta = f.element(root, "tile_metadata", "tile_metadata");
    Element global = f.element(tileMeta, "global_metadata", "tile_metadata/global_metadata");
    String idText = f.text(global, "product_id", TILE + "product_id");
    SceneId id;
    try {
      id = SceneId.parse(idText);
    } catch (InvalidSceneIdException e) {
      throw f.malformed(TILE + "product_id", idText, "an ARD tile id like LC08_CU_003003_20130414_20170713_C01_V01");
    }
    f = f.forScene(id.toString());

    LocalDate acquired = f.date(global, "acquisition_date", TILE + "acquisition_date");
    if (!acquired.equals(id.acquired())) {
      throw f.malformed(TILE + "acquisition_date", acquired.toString(), id.acquired() + " as in the product id");
    }
    Element grid = f.element(global, "tile_grid", TILE + "tile_grid");
    int h = f.integerAttr(grid, "h", TILE + "tile_grid");
    int v = f.integerAttr(grid, "v", TILE + "tile_grid");
    Tile tile;
    try {
      tile = new Tile(h, v);
    } catch (IllegalArgumentException e) {
      throw f.malformed(TILE + "tile_grid", "h=" + h + " v=" + v, "a CONUS ARD tile");
    }
    if (!tile.equals(id.tile())) {
      throw f.malformed(TILE + "tile_grid", tile.toString(), id.tile() + " as in the product id");
    }
    Optional<String> region = f.optText(global, "region");
    if (region.isPresent() && !region.get().equals(id.region())) {
      throw f.malformed(TILE + "region", region.get(), id.region() + " as in the product id");
    }
    CoverPercent cover;
    double cloud = f.decimal(global, "cloud_cover", TILE + "cloud_cover");
    double shadow = f.decimal(global, "cloud_shadow", TILE + "cloud_shadow");
    double snow = f.decimal(global, "snow_ice", TILE + "snow_ice");
    double fill = f.decimal(global, "fill", TILE + "fill");
    try {
      cover = new CoverPercent(cloud, shadow, snow, fill);
    } catch (IllegalArgumentException e) {
      throw new MetadataFieldException(f.scene(), TILE + "cloud_cover|cloud_shadow|snow_ice|fill", e.getMessage());
    }
    List<ContributingScene> scenes = scenes(root, f);
    int sceneCount = f.integer(global, "scene_count", TILE + "scene_count");
    if (sceneCount != scenes.size()) {
      throw f.malformed(
          TILE + "scene_count", Integer.toString(sceneCount), scenes.size() + " (the scene_metadata elements)");
    }
    String version = root.getAttribute("version").strip();
    return new ArdMetadata(
        id,
        "C1 " + (version.isEmpty() ? "?" : version) + " " + root.getNamespaceURI(),
        acquired,
        f.instant(global, "production_date", TILE + "production_date"),
        f.text(global, "satellite", TILE + "satellite"),
        f.text(global, "instrument", TILE + "instrument"),
        region,
        tile,
        sceneCount,
        cover,
        bounds(global, f),
        projection(global, f),
        bands(tileMeta, f),
        scenes);
  }

  private static GeoBounds bounds(Element global, Fields f) throws MetadataFieldException {
    String path = TILE + "bounding_coordinates";
    Element b = f.element(global, "bounding_coordinates", path);
    double west = f.decimal(b, "west", path + "/west");
    double east = f.decimal(b, "east", path + "/east");
    double north = f.decimal(b, "north", path + "/north");
    double south = f.decimal(b, "south", path + "/south");
    try {
      return new GeoBounds(west, east, north, south);
    } catch (IllegalArgumentException e) {
      throw new MetadataFieldException(f.scene(), path, e.getMessage());
    }
  }

  private static ProjectionInfo projection(Element global, Fields f) throws MetadataFieldException {
    String path = TILE + "projection_information";
    Element p = f.element(global, "projection_information", path);
    double[] ul = null;
    double[] lr = null;
    for (Element c : Fields.children(p, "corner_point")) {
      String where = c.getAttribute("location");
      double[] xy = {f.decimalAttr(c, "x", path + "/corner_point"), f.decimalAttr(c, "y", path + "/corner_point")};
      if (where.equals("UL")) {
        ul = xy;
      } else if (where.equals("LR")) {
        lr = xy;
      }
    }
    if (ul == null) {
      throw f.missing(path + "/corner_point[@location=UL]");
    }
    if (lr == null) {
      throw f.missing(path + "/corner_point[@location=LR]");
    }
    try {
      return new ProjectionInfo(
          f.attr(p, "projection", path),
          f.attr(p, "datum", path),
          f.attr(p, "units", path),
          ul[0],
          ul[1],
          lr[0],
          lr[1],
          f.optText(p, "grid_origin").orElse(""));
    } catch (IllegalArgumentException e) {
      throw new MetadataFieldException(f.scene(), path + "/corner_point", e.getMessage());
    }
  }

  private static List<BandInfo> bands(Element tileMeta, Fields f) throws MetadataFieldException {
    String path = "tile_metadata/bands/band";
    Element bands = f.element(tileMeta, "bands", "tile_metadata/bands");
    List<BandInfo> out = new ArrayList<>();
    for (Element b : Fields.children(bands, "band")) {
      String name = f.attr(b, "name", path);
      String bandPath = path + "[@name=" + name + "]";
      String fillValue = b.getAttribute("fill_value").strip();
      OptionalDouble scale = f.optDecimalAttr(b, "scale_factor", bandPath);
      out.add(
          new BandInfo(
              name,
              f.text(b, "file_name", bandPath + "/file_name"),
              f.attr(b, "data_type", bandPath),
              fillValue.isEmpty() ? Optional.empty() : Optional.of(fillValue),
              scale,
              b.getAttribute("category").strip()));
    }
    if (out.isEmpty()) {
      throw f.missing(path);
    }
    return out;
  }

  private static List<ContributingScene> scenes(Element root, Fields f) throws MetadataFieldException {
    List<ContributingScene> out = new ArrayList<>();
    List<Element> elements = Fields.children(root, "scene_metadata");
    for (int i = 0; i < elements.size(); i++) {
      String path = "scene_metadata[" + (i + 1) + "]";
      Element s = elements.get(i);
      Element g = f.element(s, "global_metadata", path + "/global_metadata");
      String gp = path + "/global_metadata/";
      Optional<Element> wrs = Fields.child(g, "wrs");
      int index = Fields.child(s, "index").isPresent() ? f.integer(s, "index", path + "/index") : i + 1;
      out.add(
          new ContributingScene(
              index,
              f.text(g, "satellite", gp + "satellite"),
              f.text(g, "instrument", gp + "instrument"),
              f.date(g, "acquisition_date", gp + "acquisition_date"),
              f.text(g, "product_id", gp + "product_id"),
              f.optText(g, "scene_id").orElse(""),
              wrs.isPresent() ? f.optIntegerAttr(wrs.get(), "path", gp + "wrs") : java.util.OptionalInt.empty(),
              wrs.isPresent() ? f.optIntegerAttr(wrs.get(), "row", gp + "wrs") : java.util.OptionalInt.empty()));
    }
    return out;
  }
}
