package dev.scenelift.index;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scenelift.gdal.ArdAlbers;
import dev.scenelift.json.Json;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.Collection;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Sensor;
import dev.scenelift.scene.Tile;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code <collection>/<tile>/thumbs/map.html}, beside thumbindex.html: an OpenLayers map of the collection's scenes
 * read straight from their COGs by HTTP range, in the ARD grid's own Albers projection (the view is the COGs' grid, so
 * they are drawn unwarped; STAC footprints and the graticule are projected into it with proj4). Per scene: true or
 * false colour from the SR COGs, the QA cloud mask, the value under the cursor; a list and a date slider switch
 * scenes; a scene is drawn first from its map preview COG (2D canvas), then from its SR COGs (WebGL). Scenes without SR
 * COGs are listed, not mapped. The page's data is JSON inside the page; its script and
 * stylesheet are the bundled {@link MapAssets}, loaded by relative links.
 */
final class MapPage {
  /** Surface reflectance shown as 0..1 between these raw values (SR scale 0.0001: reflectance 0 to 0.3). */
  static final int STRETCH_LOW = 0;

  static final int STRETCH_HIGH = 3000;

  /** The name the page registers the grid's projection under (it has no EPSG code: WGS 84 datum, not NAD83). */
  static final String CRS_CODE = "SCENELIFT:ARD-ALBERS";

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final Templates templates;
  private final OutputNames names;
  private final MapAssets assets;

  MapPage(Templates templates, OutputNames names, MapAssets assets) {
    this.templates = templates;
    this.names = names;
    this.assets = assets;
  }

  /**
   * The page of one collection.
   *
   * @param root the collection's root (raw, opt or cog); the page goes to {@code <root>/<tile>/thumbs/map.html}
   * @param scenes the collection's scenes; those with SR COGs (in the COG tree) are mapped
   * @param records what index-build knows of each scene (verdict, whether it has a STAC item)
   */
  String render(S3Location root, Tile tile, Map<SceneId, SceneInputs> scenes, Map<SceneId, SceneRecord> records) {
    S3Location page = names.mapPage(root, tile);
    ObjectNode data = F.objectNode();
    data.put("tile", tile.toString());
    data.putObject("crs").put("code", CRS_CODE).put("proj4", ArdAlbers.PROJ4);
    double x0 = tile.upperLeftX();
    double y0 = tile.upperLeftY();
    double size = Tile.SIZE_METRES;
    data.putArray("extent").add(x0).add(y0 - size).add(x0 + size).add(y0);
    data.putArray("viewExtent").add(x0 - size).add(y0 - 2 * size).add(x0 + 2 * size).add(y0 + size);
    ObjectNode footprint = data.putObject("footprint");
    footprint.put("type", "Polygon");
    ArrayNode ring = footprint.putArray("coordinates").addArray();
    for (double[] p : ArdAlbers.ring(tile, 10)) {
      ring.addArray().add(p[0]).add(p[1]);
    }
    data.putArray("stretch").add(STRETCH_LOW).add(STRETCH_HIGH);
    data.putNull("baseLayer");
    ArrayNode list = data.putArray("scenes");
    int mapped = 0;
    for (Map.Entry<SceneId, SceneInputs> e : scenes.entrySet()) {
      ObjectNode s = scene(page, e.getKey(), e.getValue(), Optional.ofNullable(records.get(e.getKey())));
      list.add(s);
      mapped += s.get("mapped").asBoolean() ? 1 : 0;
    }
    // inside <script type="application/json">: "</" must not appear, or the HTML parser would end the element there
    String json = new String(Json.writeBytes(data), StandardCharsets.UTF_8).replace("</", "<\\/");
    return templates.mapPage(
        new Scope(
            "Map of tile " + tile + " (" + root.name() + ")",
            scenes.size(),
            mapped,
            OutputNames.relative(page, names.thumbIndex(root, tile)),
            OutputNames.relative(page, root.resolve(OutputNames.LISTING_PAGE)),
            href(page, names.stacCollection(tile)),
            OutputNames.relative(page, assets.script(root)),
            OutputNames.relative(page, assets.stylesheet(root)),
            OutputNames.relative(page, assets.licences(root)),
            json));
  }

  private ObjectNode scene(S3Location page, SceneId id, SceneInputs in, Optional<SceneRecord> record) {
    ObjectNode s = F.objectNode();
    s.put("id", id.toString());
    s.put("date", id.acquired().toString());
    s.put("sensor", id.sensor().name());
    double cloud = record.map(SceneRecord::cloudPercent).orElse(Double.NaN);
    s.put("cloud", Double.isNaN(cloud) ? "" : String.format(Locale.ROOT, "%.1f", cloud));
    List<String> trueBands = id.sensor().trueColourBands();
    List<String> falseBands = falseColourBands(id.sensor());
    Optional<ArrayNode> trueColour = bands(page, id, in, trueBands);
    s.put("mapped", trueColour.isPresent());
    trueColour.ifPresent(a -> s.set("trueColour", a));
    s.set("trueBands", labels(trueBands));
    Optional<ArrayNode> falseColour = bands(page, id, in, falseBands);
    s.set("falseColour", falseColour.orElse(trueColour.orElse(null)));
    s.set("falseBands", labels(falseColour.isPresent() ? falseBands : trueBands));
    Optional<ListedObject> qa =
        in.cog().stream()
            .filter(o -> o.key().contains("/" + Bundle.QA + "/"))
            .filter(o -> o.key().endsWith("_PIXELQA.tif") || o.key().endsWith("_QA_PIXEL.tif"))
            .findFirst();
    if (qa.isPresent()) {
      s.put("qa", href(page, new S3Location(names.layout().cog().bucket(), qa.get().key())));
      s.putArray("cloudBits").add(id.collection() == Collection.C2 ? 3 : 5);
    } else {
      s.putNull("qa");
    }
    if (trueColour.isPresent() && record.map(SceneRecord::mapPreview).orElse(false)) {
      s.put("preview", href(page, names.mapPreview(id)));
    } else {
      s.putNull("preview");
    }
    if (record.map(SceneRecord::item).orElse(false)) {
      s.put("item", href(page, names.stacItem(id)));
    } else {
      s.putNull("item");
    }
    return s;
  }

  /**
   * A link a browser can follow: relative within the page's bucket; to another bucket (the three-bucket layout on
   * AWS), the object's S3 https URL, since a browser cannot open {@code s3://}.
   */
  static String href(S3Location page, S3Location target) {
    return page.bucket().equals(target.bucket())
        ? OutputNames.relative(page, target)
        : "https://" + target.bucket() + ".s3.amazonaws.com/" + UrlPaths.encode(target.key());
  }

  /** SR bands 5/4/3 on OLI, 4/3/2 on TM and ETM+: near infrared, red, green. */
  static List<String> falseColourBands(Sensor sensor) {
    return sensor.isOli() ? List.of("B5", "B4", "B3") : List.of("B4", "B3", "B2");
  }

  /** Hrefs of the scene's SR COGs of these bands, when it has every one. */
  private Optional<ArrayNode> bands(S3Location page, SceneId id, SceneInputs in, List<String> bands) {
    KeyLayout layout = names.layout();
    ArrayNode out = F.arrayNode();
    for (String band : bands) {
      S3Location cog = layout.cogObject(id, Bundle.SR, id + "_" + id.collection().bandCode("SR", band) + ".tif");
      if (in.cog().stream().noneMatch(o -> o.key().equals(cog.key()))) {
        return Optional.empty();
      }
      out.add(href(page, cog));
    }
    return Optional.of(out);
  }

  private static ArrayNode labels(List<String> bands) {
    ArrayNode a = F.arrayNode();
    bands.forEach(a::add);
    return a;
  }

  record Scope(
      String title,
      int sceneCount,
      int mappedCount,
      String thumbIndexHref,
      String listingHref,
      String collectionHref,
      String scriptHref,
      String stylesheetHref,
      String licencesHref,
      String data) {}
}
