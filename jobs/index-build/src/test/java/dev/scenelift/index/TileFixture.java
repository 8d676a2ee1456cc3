package dev.scenelift.index;

import dev.scenelift.gdal.ArdAlbers;
import dev.scenelift.gdal.Gdal;
import dev.scenelift.gdal.GdalDataset;
import dev.scenelift.json.Json;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;
import dev.scenelift.collection.CollectionRules;
import dev.scenelift.collection.Membership;
import dev.scenelift.collection.TileCollection;
import dev.scenelift.verdict.CloudVerdict;
import java.util.EnumMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import java.util.function.IntBinaryOperator;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.TranslateOptions;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Writes small real GeoTIFFs, COGs and cloud verdicts of a tile into a store, as fetch/cloud-filter/cog-convert do. */
final class TileFixture {
  static final int PIXELS = 250;
  static final short NODATA = -9999;
  /** Small COGs for small fixtures: 128-pixel blocks, so that even a 250-pixel band has an overview. */
  static final List<String> SMALL_COGS = List.of("BLOCKSIZE=128", "OVERVIEWS=AUTO");
  /**
   * COGs laid out as cog-convert writes them (512-pixel blocks, DEFLATE 6 with the integer predictor, overviews down to
   * one block), with nearest-neighbour overviews for every band (cog-convert averages reflectance; noise averaged
   * compresses better, so this is the slower case for a reader).
   */
  static final List<String> PIPELINE_COGS =
      List.of("BLOCKSIZE=512", "COMPRESS=DEFLATE", "LEVEL=6", "PREDICTOR=2", "OVERVIEWS=IGNORE_EXISTING",
          "OVERVIEW_RESAMPLING=NEAREST");

  private final S3Client s3;
  private final KeyLayout layout;
  private final Path tmp;
  private final Tile tile;
  private final int pixels;
  private final List<String> cogOptions;

  TileFixture(S3Client s3, KeyLayout layout, Path tmp) {
    this(s3, layout, tmp, Tile.parse("h03v03"));
  }

  TileFixture(S3Client s3, KeyLayout layout, Path tmp, Tile tile) {
    this(s3, layout, tmp, tile, PIXELS);
  }

  /** A fixture whose bands are {@code pixels} square (their pixel size grows as they shrink: one tile each). */
  TileFixture(S3Client s3, KeyLayout layout, Path tmp, Tile tile, int pixels) {
    this(s3, layout, tmp, tile, pixels, SMALL_COGS);
  }

  /** As above, its COGs written with these COG driver creation options. */
  TileFixture(S3Client s3, KeyLayout layout, Path tmp, Tile tile, int pixels, List<String> cogOptions) {
    this.s3 = s3;
    this.layout = layout;
    this.tmp = tmp;
    this.tile = tile;
    this.pixels = pixels;
    this.cogOptions = List.copyOf(cogOptions);
  }

  /** A band whose pixel at (x, y) is {@code value.applyAsInt(x, y)}; a value of NODATA stays nodata. */
  Path band(String name, IntBinaryOperator value) {
    return band(name, value, true);
  }

  /** A band as above; without {@code declareNodata} the GeoTIFF states no nodata value at all. */
  Path band(String name, IntBinaryOperator value, boolean declareNodata) {
    return band(name, value, declareNodata, pixels);
  }

  /** A band covering the tile with {@code pixels} per side, whatever the fixture's own size (150 km / pixels each). */
  Path band(String name, IntBinaryOperator value, boolean declareNodata, int pixels) {
    Gdal.init();
    Path file = tmp.resolve(name);
    Dataset ds =
        gdal.GetDriverByName("GTiff").Create(file.toString(), pixels, pixels, 1, gdalconstConstants.GDT_Int16);
    try (GdalDataset owned = GdalDataset.own(ds)) {
      double px = Tile.SIZE_METRES / pixels;
      ds.SetGeoTransform(new double[] {tile.upperLeftX(), px, 0, tile.upperLeftY(), 0, -px});
      ds.SetProjection(ArdAlbers.wkt2());
      short[] data = new short[pixels * pixels];
      for (int y = 0; y < pixels; y++) {
        for (int x = 0; x < pixels; x++) {
          data[y * pixels + x] = (short) value.applyAsInt(x, y);
        }
      }
      if (declareNodata) {
        ds.GetRasterBand(1).SetNoDataValue(NODATA);
      }
      ds.GetRasterBand(1).WriteRaster(0, 0, pixels, pixels, pixels, pixels, gdalconstConstants.GDT_Int16, data);
    }
    return file;
  }

  Path cogOf(Path tif) {
    Path out = tmp.resolve("cog-" + tif.getFileName());
    Vector<String> args = new Vector<>(List.of("-of", "COG"));
    cogOptions.forEach(co -> args.addAll(List.of("-co", co)));
    try (GdalDataset src = GdalDataset.openReadOnly(tif.toString())) {
      Dataset d =
          gdal.Translate(out.toString(), src.get(), new TranslateOptions(args));
      GdalDataset.own(d).close();
    }
    return out;
  }

  /** Uploads the scene's SR bands to the raw tree (and as COGs to the COG tree when {@code cogs}). */
  void scene(SceneId id, Map<String, IntBinaryOperator> bands, boolean cogs) throws IOException {
    for (Map.Entry<String, IntBinaryOperator> b : bands.entrySet()) {
      String file = id + "_SR" + b.getKey() + ".tif";
      Path tif = band(file, b.getValue());
      put(layout.rawObject(id, Bundle.SR, file), Files.readAllBytes(tif), "image/tiff");
      if (cogs) {
        put(layout.cogObject(id, Bundle.SR, file), Files.readAllBytes(cogOf(tif)), "image/tiff");
      }
    }
  }

  /** Uploads a band of another bundle as a COG only, e.g. the TA solar angle bands; no nodata value declared. */
  void cogBand(SceneId id, Bundle bundle, String code, IntBinaryOperator value) throws IOException {
    cogBand(id, bundle, code, value, pixels);
  }

  /** As above, on a grid of {@code pixels} per side over the same tile. */
  void cogBand(SceneId id, Bundle bundle, String code, IntBinaryOperator value, int pixels) throws IOException {
    String file = id + "_" + code + ".tif";
    Path tif = band(file, value, false, pixels);
    put(layout.cogObject(id, bundle, file), Files.readAllBytes(cogOf(tif)), "image/tiff");
  }

  /** Stores the scene's metadata XML where fetch-scene puts it. */
  void metadataXml(SceneId id, byte[] xml) {
    put(layout.metadataXml(layout.raw(), id), xml, "application/xml");
  }

  /**
   * Stores a verdict: cloud-free as {@code clear} says, the COG research set as the default rule judges the figures.
   */
  void verdict(SceneId id, boolean clear, double cloud, double fill) {
    Map<String, Double> percent = Map.of("cloud", cloud, "fill", fill, "clear", 100 - cloud, "shadow", 0.0);
    Map<TileCollection, Membership> m = new EnumMap<>(CollectionRules.DEFAULTS.judge(id.sensor(), percent));
    m.put(TileCollection.CLOUD_FREE, new Membership(clear, clear ? "clear" : "cloud " + cloud + "% > 10%"));
    CloudVerdict v =
        CloudVerdict.of(id, m, percent, Map.of(), CollectionRules.DEFAULTS.asOptions(), "run-1",
            Instant.parse("2026-01-01T00:00:00Z"));
    put(layout.cloudVerdict(id), Json.writeBytes(v), "application/json");
  }

  void put(S3Location loc, byte[] body, String type) {
    s3.putObject(b -> b.bucket(loc.bucket()).key(loc.key()).contentType(type), RequestBody.fromBytes(body));
  }
}
