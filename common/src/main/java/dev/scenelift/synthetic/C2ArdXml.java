package dev.scenelift.synthetic;

import dev.scenelift.gdal.ArdAlbers;
import dev.scenelift.scene.Sensor;
import dev.scenelift.scene.Tile;
import dev.scenelift.synthetic.BandSpec.C2XmlBand;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes a scene's Collection 2 ARD tile metadata, {@code <LANDSAT_METADATA_FILE>} in the MTL-like layout USGS uses
 * for Collection 2 and that {@code dev.scenelift.metadata.C2TileXml} reads: {@code TILE_METADATA} with {@code
 * PRODUCT_CONTENTS} (product id, production time, per band its file name, data type, fill value and scale/offset),
 * {@code IMAGE_ATTRIBUTES} (sensor, date, grid, cover figures counted from QA_PIXEL) and {@code
 * PROJECTION_ATTRIBUTES}, then one {@code SCENE_METADATA} per contributing Level-2 scene. Which of these element names
 * could be confirmed from USGS documents is in README's Collection 2 section.
 */
final class C2ArdXml {
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

  private final SceneRecipe recipe;
  private final List<BandSpec> bands;
  private Document doc;

  C2ArdXml(SceneRecipe recipe, List<BandSpec> bands) {
    this.recipe = recipe;
    this.bands = List.copyOf(bands);
  }

  void write(QaStats stats, Path file) throws IOException {
    try {
      doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
    doc.setXmlStandalone(true);
    Element root = doc.createElement("LANDSAT_METADATA_FILE");
    doc.appendChild(root);
    Element tile = child(root, "TILE_METADATA");
    contents(child(tile, "PRODUCT_CONTENTS"));
    image(child(tile, "IMAGE_ATTRIBUTES"), stats);
    projection(child(tile, "PROJECTION_ATTRIBUTES"));
    for (int index = 1; index <= recipe.sceneCount(); index++) {
      scene(child(root, "SCENE_METADATA"), index);
    }
    XmlFile.write(doc, file, "UTF-8", 2);
  }

  private void contents(Element c) {
    text(c, "ORIGIN", "Image courtesy of the U.S. Geological Survey");
    text(c, "LANDSAT_PRODUCT_ID", recipe.id().toString());
    text(c, "PROCESSING_LEVEL", "ARD");
    text(c, "COLLECTION_NUMBER", "02");
    text(c, "ARD_VERSION", "01");
    text(c, "DATE_PRODUCT_GENERATED", DATE_TIME.format(recipe.produced()));
    String ext = recipe.id().collection().rasterExtension();
    for (BandSpec b : bands) {
      text(c, "FILE_NAME_" + b.name(), recipe.id() + "_" + b.name() + "." + ext);
      text(c, "DATA_TYPE_" + b.name(), b.type().xmlName);
      b.fill().ifPresent(f -> text(c, "FILL_VALUE_" + b.name(), Long.toString(f)));
      C2XmlBand x = (C2XmlBand) b.xml();
      x.scale().ifPresent(s -> text(c, "SCALE_FACTOR_" + b.name(), s));
      x.offset().ifPresent(o -> text(c, "ADD_OFFSET_" + b.name(), o));
    }
    text(c, "FILE_NAME_METADATA_XML", recipe.id() + ".xml");
  }

  private void image(Element a, QaStats stats) {
    Sensor sensor = recipe.sensor();
    Tile t = recipe.id().tile();
    text(a, "SPACECRAFT_ID", sensor.platform());
    text(a, "SENSOR_ID", sensor.isOli() ? "OLI_TIRS" : sensor.instrument());
    text(a, "DATE_ACQUIRED", recipe.id().acquired().toString());
    text(a, "TILE_GRID_REGION", recipe.id().region());
    text(a, "TILE_GRID_H", String.format(Locale.ROOT, "%03d", t.h()));
    text(a, "TILE_GRID_V", String.format(Locale.ROOT, "%03d", t.v()));
    text(a, "SCENE_COUNT", Integer.toString(recipe.sceneCount()));
    text(a, "CLOUD_COVER", stats.cloudCover());
    text(a, "CLOUD_SHADOW_COVER", stats.cloudShadow());
    text(a, "SNOW_ICE_COVER", stats.snowIce());
    text(a, "FILL", stats.fillPercent());
  }

  private void projection(Element p) {
    Tile t = recipe.id().tile();
    text(p, "MAP_PROJECTION", "AEA");
    text(p, "DATUM", "WGS84");
    text(p, "GRID_CELL_UNITS", "meters");
    double[] box = ArdAlbers.bbox(ArdAlbers.ring(t, 100)); // west, south, east, north
    corner(p, "UL", box[3], box[0]);
    corner(p, "UR", box[3], box[2]);
    corner(p, "LL", box[1], box[0]);
    corner(p, "LR", box[1], box[2]);
    text(p, "CORNER_UL_PROJECTION_X_PRODUCT", three(t.upperLeftX()));
    text(p, "CORNER_UL_PROJECTION_Y_PRODUCT", three(t.upperLeftY()));
    text(p, "CORNER_LR_PROJECTION_X_PRODUCT", three(t.upperLeftX() + Tile.SIZE_METRES));
    text(p, "CORNER_LR_PROJECTION_Y_PRODUCT", three(t.upperLeftY() - Tile.SIZE_METRES));
  }

  private void corner(Element p, String corner, double lat, double lon) {
    text(p, "CORNER_" + corner + "_LAT_PRODUCT", five(lat));
    text(p, "CORNER_" + corner + "_LON_PRODUCT", five(lon));
  }

  /** A contributing Collection 2 Level-2 scene, e.g. {@code LC08_L2SP_046028_20210618_20210628_02_T1}. */
  private void scene(Element s, int index) {
    Sensor sensor = recipe.sensor();
    Random r = new Random(recipe.seed() * 13 + index);
    LocalDate acquired = recipe.id().acquired();
    LocalDate l2Produced = recipe.produced().toLocalDate().minusDays(1 + r.nextInt(20));
    Element a = child(s, "IMAGE_ATTRIBUTES");
    text(a, "LANDSAT_PRODUCT_ID", sensor.name() + "_L2SP_" + recipe.pathRow(index) + "_"
        + acquired.format(DateTimeFormatter.BASIC_ISO_DATE) + "_"
        + (l2Produced.isBefore(acquired) ? recipe.produced().toLocalDate() : l2Produced)
            .format(DateTimeFormatter.BASIC_ISO_DATE) + "_02_T1");
    text(a, "LANDSAT_SCENE_ID", recipe.landsatSceneId(index));
    text(a, "SPACECRAFT_ID", sensor.platform());
    text(a, "SENSOR_ID", sensor.isOli() ? "OLI_TIRS" : sensor.instrument());
    text(a, "DATE_ACQUIRED", acquired.toString());
    text(a, "SCENE_CENTER_TIME", String.format(Locale.ROOT, "18:%02d:%02d.%07dZ", 40 + r.nextInt(10),
        r.nextInt(60), r.nextInt(10_000_000)));
    text(a, "WRS_PATH", Integer.toString(recipe.wrsPath()));
    text(a, "WRS_ROW", Integer.toString(recipe.wrsRow(index)));
  }

  private Element child(Element parent, String name) {
    Element e = doc.createElement(name);
    parent.appendChild(e);
    return e;
  }

  private void text(Element parent, String name, String value) {
    child(parent, name).setTextContent(value);
  }

  private static String three(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String five(double v) {
    return String.format(Locale.ROOT, "%.5f", v);
  }
}
