package dev.scenelift.synthetic;

import dev.scenelift.gdal.ArdAlbers;

import dev.scenelift.scene.Sensor;
import dev.scenelift.scene.Tile;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes a scene's ARD metadata in USGS's Collection 1 v1.1 format ({@code https://landsat.usgs.gov/ard/v1}): tile
 * global metadata with the cover figures counted from the QA band, the tile's bands, then one {@code scene_metadata}
 * per contributing Level-1 scene.
 */
final class ArdXml {
  static final String NAMESPACE = "https://landsat.usgs.gov/ard/v1";
  private static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");

  private final SceneRecipe recipe;
  private final List<BandSpec> bands;
  private final int size;
  private Document doc;

  ArdXml(SceneRecipe recipe, List<BandSpec> bands, int size) {
    this.recipe = recipe;
    this.bands = List.copyOf(bands);
    this.size = size;
  }

  void write(QaStats stats, Path file) throws IOException {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      doc = f.newDocumentBuilder().newDocument();
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
    doc.setXmlStandalone(true);
    Element root = doc.createElementNS(NAMESPACE, "ard_metadata");
    root.setAttribute("version", "1.1");
    root.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:xsi", XSI);
    root.setAttributeNS(XSI, "xsi:schemaLocation", NAMESPACE + " https://landsat.usgs.gov/ard/ard_metadata_v1_1.xsd");
    doc.appendChild(root);
    Element tile = child(root, "tile_metadata");
    tileGlobal(child(tile, "global_metadata"), stats);
    Element tileBands = child(tile, "bands");
    String produced = DATE_TIME.format(recipe.produced());
    for (BandSpec b : bands) {
      band(tileBands, b, b.name(), b.c1Xml().fileNameInXml(), size, size, produced);
    }
    for (int index = 1; index <= recipe.sceneCount(); index++) {
      scene(root, index);
    }
    XmlFile.write(doc, file, "utf-8", 4);
  }

  private void tileGlobal(Element g, QaStats stats) {
    Sensor sensor = recipe.sensor();
    Tile t = recipe.id().tile();
    text(g, "data_provider", "USGS/EROS");
    text(g, "satellite", sensor.platform());
    text(g, "instrument", sensor.isOli() ? "OLI/TIRS_Combined" : sensor.instrument());
    text(g, "level1_collection", "01");
    text(g, "ard_version", "01");
    text(g, "region", recipe.id().region());
    text(g, "acquisition_date", recipe.id().acquired().toString());
    text(g, "product_id", recipe.id().toString());
    text(g, "production_date", DATE_TIME.format(recipe.produced()));
    double[] box = ArdAlbers.bbox(ArdAlbers.ring(t, 100));
    double[] b = {box[0], box[2], box[3], box[1]}; // west, east, north, south
    Element bc = child(g, "bounding_coordinates");
    text(bc, "west", degrees(b[0]));
    text(bc, "east", degrees(b[1]));
    text(bc, "north", degrees(b[2]));
    text(bc, "south", degrees(b[3]));
    Element p = child(g, "projection_information");
    p.setAttribute("datum", "WGS84");
    p.setAttribute("projection", "AEA");
    p.setAttribute("units", "meters");
    corner(p, "UL", t.upperLeftX(), t.upperLeftY());
    corner(p, "LR", t.upperLeftX() + Tile.SIZE_METRES, t.upperLeftY() - Tile.SIZE_METRES);
    text(p, "grid_origin", "UL");
    Element a = child(p, "albers_proj_params");
    text(a, "standard_parallel1", six(29.5));
    text(a, "standard_parallel2", six(45.5));
    text(a, "central_meridian", six(-96));
    text(a, "origin_latitude", six(23));
    text(a, "false_easting", six(0));
    text(a, "false_northing", six(0));
    text(g, "orientation_angle", six(0));
    Element grid = child(g, "tile_grid");
    grid.setAttribute("h", String.format(Locale.ROOT, "%03d", t.h()));
    grid.setAttribute("v", String.format(Locale.ROOT, "%03d", t.v()));
    text(g, "scene_count", Integer.toString(recipe.sceneCount()));
    text(g, "cloud_cover", stats.cloudCover());
    text(g, "cloud_shadow", stats.cloudShadow());
    text(g, "snow_ice", stats.snowIce());
    text(g, "fill", stats.fillPercent());
  }

  private void scene(Element root, int index) {
    Sensor sensor = recipe.sensor();
    Random r = new Random(recipe.seed() * 13 + index);
    LocalDate acquired = recipe.id().acquired();
    int row = recipe.wrsRow(index);
    String pathRow = recipe.pathRow(index);
    LocalDateTime l1Produced = recipe.produced().minusDays(1 + r.nextInt(20)).minusHours(r.nextInt(12));
    if (l1Produced.toLocalDate().isBefore(acquired)) {
      l1Produced = recipe.produced();
    }
    String l1Id =
        sensor.name() + "_L1TP_" + pathRow + "_" + acquired.format(DateTimeFormatter.BASIC_ISO_DATE) + "_"
            + l1Produced.toLocalDate().format(DateTimeFormatter.BASIC_ISO_DATE) + "_01_A1";
    Element s = child(root, "scene_metadata");
    text(s, "index", Integer.toString(index));
    Element g = child(s, "global_metadata");
    text(g, "data_provider", "USGS/EROS");
    text(g, "satellite", sensor.platform());
    text(g, "instrument", sensor.instrument());
    text(g, "acquisition_date", acquired.toString());
    text(
        g,
        "scene_center_time",
        String.format(Locale.ROOT, "18:%02d:%02d.%06dZ", 40 + r.nextInt(10),
            r.nextInt(60), r.nextInt(1_000_000)));
    text(g, "level1_production_date", DATE_TIME.format(l1Produced));
    Element wrs = child(g, "wrs");
    wrs.setAttribute("path", Integer.toString(recipe.wrsPath()));
    wrs.setAttribute("row", Integer.toString(row));
    wrs.setAttribute("system", "2");
    text(g, "request_id", String.format(Locale.ROOT, "%013d_%05d", Math.abs(r.nextLong() % 10_000_000_000_000L),
        r.nextInt(100_000)));
    text(g, "scene_id", recipe.landsatSceneId(index));
    text(g, "product_id", l1Id);
    text(g, "elevation_source", "GLS2000");
    if (!sensor.isOli()) {
      text(g, "sensor_mode", sensor == Sensor.LE07 ? "SAM" : "BUMPER");
      text(g, "ephemeris_type", "DEFINITIVE");
    }
    LocalDate quarter = acquired.withDayOfMonth(1).withMonth(((acquired.getMonthValue() - 1) / 3) * 3 + 1);
    text(g, "cpf_name", sensor.name() + "CPF_" + quarter.format(DateTimeFormatter.BASIC_ISO_DATE) + "_"
        + quarter.plusMonths(3).minusDays(1).format(DateTimeFormatter.BASIC_ISO_DATE) + "_01.0" + (1 + r.nextInt(3)));
    text(g, "lpgs_metadata_file", l1Id + "_MTL.txt");
    double rx = 2 + 5 * r.nextDouble();
    double ry = 2 + 5 * r.nextDouble();
    text(g, "geometric_rmse_model", three(Math.hypot(rx, ry)));
    text(g, "geometric_rmse_model_x", three(rx));
    text(g, "geometric_rmse_model_y", three(ry));
    Element sceneBands = child(s, "bands");
    int nlines = sensor.isOli() ? 7961 + r.nextInt(40) : 7001 + r.nextInt(40);
    int nsamps = sensor.isOli() ? 7821 + r.nextInt(40) : 8001 + r.nextInt(40);
    String produced = DATE_TIME.format(l1Produced);
    for (BandSpec b : bands) {
      if (b.kind() == BandSpec.Kind.LINEAGE_QA) {
        continue; // a tile product: Level-1 scenes have no lineage band
      }
      String name = b.c1Xml().level1Name();
      band(sceneBands, b, name, l1Id + "_" + name + ".tif", nlines, nsamps, produced);
    }
  }

  private void band(Element parent, BandSpec b, String name, String fileName, int nlines, int nsamps,
      String produced) {
    BandSpec.XmlBand x = b.c1Xml();
    Element e = child(parent, "band");
    boolean image = x.category().equals("image");
    if (x.tmStyle() && image) {
      e.setAttribute("add_offset", "0.000000");
    }
    e.setAttribute("category", x.category());
    e.setAttribute("data_type", b.type().xmlName);
    b.fill().ifPresent(f -> e.setAttribute("fill_value", Long.toString(f)));
    e.setAttribute("name", name);
    e.setAttribute("nlines", Integer.toString(nlines));
    e.setAttribute("nsamps", Integer.toString(nsamps));
    e.setAttribute("product", x.product());
    if (x.tmStyle() && image) {
      e.setAttribute("saturate_value", "20000");
    }
    x.scaleFactor().ifPresent(s -> e.setAttribute("scale_factor", s));
    x.source().ifPresent(s -> e.setAttribute("source", s));
    text(e, "short_name", x.shortName());
    text(e, "long_name", x.longName());
    text(e, "file_name", fileName);
    Element px = child(e, "pixel_size");
    String pixel = plain(Tile.SIZE_METRES / size);
    px.setAttribute("units", "meters");
    px.setAttribute("x", pixel);
    px.setAttribute("y", pixel);
    text(e, "resample_method", "none");
    text(e, "data_units", x.dataUnits());
    x.validRange().ifPresent(v -> {
      Element vr = child(e, "valid_range");
      vr.setAttribute("max", six(v[1]));
      vr.setAttribute("min", six(v[0]));
    });
    if (!x.bits().isEmpty()) {
      Element bm = child(e, "bitmap_description");
      for (int i = 0; i < x.bits().size(); i++) {
        Element bit = text(bm, "bit", x.bits().get(i));
        bit.setAttribute("num", Integer.toString(i));
      }
    }
    x.appVersion().ifPresent(v -> text(e, "app_version", v));
    text(e, "production_date", produced);
  }

  private void corner(Element p, String location, double x, double y) {
    Element c = child(p, "corner_point");
    c.setAttribute("location", location);
    c.setAttribute("x", six(x));
    c.setAttribute("y", six(y));
  }

  private Element child(Element parent, String name) {
    Element e = doc.createElementNS(NAMESPACE, name);
    parent.appendChild(e);
    return e;
  }

  private Element text(Element parent, String name, String value) {
    Element e = child(parent, name);
    e.setTextContent(value);
    return e;
  }

  private static String six(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }

  private static String three(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String degrees(double v) {
    return new BigDecimal(v).round(new java.math.MathContext(12)).stripTrailingZeros().toPlainString();
  }

  private static String plain(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
