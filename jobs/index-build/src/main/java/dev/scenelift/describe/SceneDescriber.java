package dev.scenelift.describe;

import dev.scenelift.gdal.ArdAlbers;

import dev.scenelift.gdal.GdalDataset;
import dev.scenelift.gdal.GdalException;
import dev.scenelift.metadata.ArdMetadata;
import dev.scenelift.metadata.BandInfo;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import dev.scenelift.thumb.BandReader;
import dev.scenelift.verdict.CloudVerdict;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.osr.SpatialReference;

/**
 * The one place index-build learns about a scene: the scene id (sensor, dates, tile), cloud-filter's verdict, the
 * scene's ARD metadata XML (parsed by common's {@code ArdMetadataParser}) and the rasters themselves (GDAL: data type,
 * nodata, scale, grid, CRS), reading the header of every raster (each asset keeps its own grid).
 *
 * <p>Band facts: what the raster states wins; where it states nothing, the XML's band entry (data type, fill value,
 * scale factor) fills in, and after that the products' published scales ({@link ProductScales}). When no raster can be
 * read the grid falls back to the ARD tile grid.
 *
 * <p>Time: with the XML the item's {@code datetime} is the acquisition date at the first contributing scene's center
 * time ({@link #acquisitionTime}); items keep {@code start_datetime}/{@code end_datetime} spanning that day. Without
 * the XML there is no datetime at all.
 *
 * <p>Sun angles come from the solar angle bands the XML declares ({@link SolarAngleBands}); the XML itself has none.
 */
public final class SceneDescriber {
  private final String ardWkt2;
  private final SolarAngleBands solarAngles;

  /**
   * @param ardWkt2 the ARD Albers WKT2, computed once per run ({@link ArdAlbers#wkt2()})
   * @param reader reads the solar angle bands at reduced size
   */
  public SceneDescriber(String ardWkt2, BandReader reader) {
    this.ardWkt2 = ardWkt2;
    this.solarAngles = new SolarAngleBands(reader);
  }

  /**
   * Describes a scene.
   *
   * @param xml its metadata XML, or why there is none usable; a document of another scene is treated as unreadable
   */
  public SceneDescription describe(
      SceneId scene, Optional<CloudVerdict> verdict, List<RasterFile> files, MetadataXml xml) {
    if (xml.metadata().isPresent() && !xml.metadata().get().productId().equals(scene)) {
      xml = MetadataXml.unreadable("it describes " + xml.metadata().get().productId());
    }
    Optional<ArdMetadata> meta = xml.metadata();
    List<SceneAsset> assets = new ArrayList<>();
    for (RasterFile f : files) {
      Optional<Opened> opened = open(f.gdalPath());
      BandFacts known = opened.map(Opened::facts).orElse(BandFacts.UNKNOWN);
      Optional<BandInfo> band = meta.flatMap(m -> m.band(f.code()));
      if (band.isPresent()) {
        known = withXmlBand(known, band.get());
      }
      assets.add(
          new SceneAsset(
              f.bundle(),
              f.code(),
              f.href(),
              f.cloudOptimized(),
              withPublishedScale(scene, f.bundle(), f.code(), known),
              opened.map(Opened::grid)));
    }
    return new SceneDescription(
        scene,
        verdict,
        mainGrid(scene.tile(), assets),
        assets,
        meta.map(SceneDescriber::acquisitionTime),
        meta.flatMap(m -> solarAngles.read(m, files)),
        xml.source());
  }

  /** The surface reflectance rasters' grid when one could be read, else the first readable raster's, else the tile's. */
  private RasterGrid mainGrid(Tile tile, List<SceneAsset> assets) {
    return assets.stream()
        .filter(a -> a.bundle() == Bundle.SR)
        .flatMap(a -> a.grid().stream())
        .findFirst()
        .or(() -> assets.stream().flatMap(a -> a.grid().stream()).findFirst())
        .orElseGet(() -> tileGrid(tile));
  }

  /**
   * The acquisition: the XML's date at the first contributing scene's center time (the scenes of one tile are
   * consecutive rows of one path, seconds apart), or at 00:00Z when the XML gives no time.
   */
  static Instant acquisitionTime(ArdMetadata m) {
    return m.scenes().stream()
        .flatMap(s -> s.centerTime().stream())
        .findFirst()
        .map(t -> m.acquired().atTime(t).toInstant(ZoneOffset.UTC))
        .orElseGet(() -> m.acquired().atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  /** Fills what the raster leaves unstated from the XML's band entry. */
  static BandFacts withXmlBand(BandFacts f, BandInfo band) {
    Optional<String> dataType =
        f.dataType().isPresent() || band.dataType().isBlank()
            ? f.dataType()
            : Optional.of(band.dataType().toLowerCase(Locale.ROOT));
    OptionalDouble nodata =
        f.nodata().isPresent()
            ? f.nodata()
            : band.fillValue().map(SolarAngleBands::number).orElse(OptionalDouble.empty());
    OptionalDouble scale = f.scale().isPresent() ? f.scale() : band.scaleFactor();
    return new BandFacts(dataType, nodata, scale, f.offset());
  }

  /**
   * Fills in the product's published scale and offset when neither the raster nor the XML states a scale, and the
   * published offset when the scale stated is the published one but no offset is (C2's XML gives {@code
   * SCALE_FACTOR_SR_B4} 2.75e-05, the -0.2 goes with it). QA bands have neither.
   */
  static BandFacts withPublishedScale(SceneId scene, Bundle bundle, String code, BandFacts f) {
    Optional<double[]> published = ProductScales.of(scene.collection(), bundle);
    if (published.isEmpty() || code.toUpperCase(Locale.ROOT).contains("QA")) {
      return f;
    }
    double[] so = published.get();
    if (f.scale().isEmpty()) {
      return new BandFacts(f.dataType(), f.nodata(), OptionalDouble.of(so[0]), OptionalDouble.of(so[1]));
    }
    if (f.offset().isEmpty() && Math.abs(f.scale().getAsDouble() - so[0]) <= 1e-12) {
      return new BandFacts(f.dataType(), f.nodata(), f.scale(), OptionalDouble.of(so[1]));
    }
    return f;
  }

  /** The ARD tile grid (30 m, metres): what a scene is described on when none of its rasters could be read. */
  private RasterGrid tileGrid(Tile tile) {
    return new RasterGrid(
        ardWkt2, List.of(Tile.PIXELS, Tile.PIXELS), RasterGrid.affine(tile.geoTransform()), OptionalDouble.of(1));
  }

  private Optional<Opened> open(String path) {
    try (GdalDataset ds = GdalDataset.openReadOnly(path)) {
      Dataset d = ds.get();
      Band band = d.GetRasterBand(1);
      String wkt = d.GetProjectionRef();
      RasterGrid grid =
          new RasterGrid(
              wkt == null || wkt.isBlank() ? ardWkt2 : ArdAlbers.wkt2Of(wkt),
              List.of(d.getRasterYSize(), d.getRasterXSize()),
              RasterGrid.affine(d.GetGeoTransform()),
              metresPerUnit(wkt == null || wkt.isBlank() ? ardWkt2 : wkt));
      return Optional.of(new Opened(new BandFacts(Optional.of(dataType(band.getDataType())),
          value(band::GetNoDataValue), value(band::GetScale), value(band::GetOffset)), grid));
    } catch (GdalException e) {
      return Optional.empty();
    }
  }

  private static OptionalDouble value(java.util.function.Consumer<Double[]> getter) {
    Double[] v = new Double[1];
    getter.accept(v);
    return v[0] == null ? OptionalDouble.empty() : OptionalDouble.of(v[0]);
  }

  /** GDAL's type name as STAC/numpy spell it: Byte → uint8, Int16 → int16, Float32 → float32. */
  static String dataType(int gdalType) {
    String name = gdal.GetDataTypeName(gdalType).toLowerCase(Locale.ROOT);
    return name.equals("byte") ? "uint8" : name;
  }

  /** The linear unit of a projected CRS in metres; empty for a geographic one. */
  private static OptionalDouble metresPerUnit(String wkt) {
    SpatialReference srs = new SpatialReference();
    try {
      if (srs.ImportFromWkt(wkt) != 0 || srs.IsProjected() != 1) {
        return OptionalDouble.empty();
      }
      return OptionalDouble.of(srs.GetLinearUnits());
    } finally {
      srs.delete();
    }
  }

  private record Opened(BandFacts facts, RasterGrid grid) {}
}
