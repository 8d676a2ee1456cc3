package dev.scenelift.describe;

import dev.scenelift.gdal.GdalDataset;
import dev.scenelift.gdal.GdalException;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import dev.scenelift.verdict.CloudVerdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;

/**
 * The one place index-build learns about a scene: the scene id (sensor, dates, tile), cloud-filter's verdict, and the
 * rasters themselves (GDAL: data type, nodata, scale, grid, CRS), reading one file per bundle, and the products'
 * published scales ({@link ProductScales}) where a raster states none. When no raster can be
 * read the grid falls back to the ARD tile grid and band facts stay unknown.
 *
 * <p>The ARD XML metadata parser lives elsewhere; switching to it means changing only this class.
 */
public final class SceneDescriber {
  private final String ardWkt2;

  /** @param ardWkt2 the ARD Albers WKT2, computed once per run ({@link ArdAlbers#wkt2()}) */
  public SceneDescriber(String ardWkt2) {
    this.ardWkt2 = ardWkt2;
  }

  public SceneDescription describe(SceneId scene, Optional<CloudVerdict> verdict, List<RasterFile> files) {
    Map<Bundle, BandFacts> facts = new EnumMap<>(Bundle.class);
    Grid grid = null;
    for (RasterFile f : files) {
      if (facts.containsKey(f.bundle())) {
        continue;
      }
      Optional<Opened> opened = open(f.gdalPath());
      facts.put(
          f.bundle(), withPublishedScale(scene, f.bundle(), opened.map(Opened::facts).orElse(BandFacts.UNKNOWN)));
      if (grid == null && opened.isPresent()) {
        grid = opened.get().grid();
      }
    }
    if (grid == null) {
      grid = tileGrid(scene.tile());
    }
    List<SceneAsset> assets = new ArrayList<>();
    for (RasterFile f : files) {
      assets.add(new SceneAsset(f.bundle(), f.code(), f.href(), f.cloudOptimized(), facts.get(f.bundle())));
    }
    return new SceneDescription(scene, verdict, grid.wkt2(), grid.shape(), grid.transform(), assets);
  }

  /** Fills in the product's published scale and offset when the raster does not state its own. */
  private static BandFacts withPublishedScale(SceneId scene, Bundle bundle, BandFacts f) {
    if (f.scale().isPresent()) {
      return f;
    }
    return ProductScales.of(scene.collection(), bundle)
        .map(so -> new BandFacts(f.dataType(), f.nodata(), OptionalDouble.of(so[0]), OptionalDouble.of(so[1])))
        .orElse(f);
  }

  private Grid tileGrid(Tile tile) {
    double[] gt = tile.geoTransform();
    return new Grid(ardWkt2, List.of(Tile.PIXELS, Tile.PIXELS), stacTransform(gt));
  }

  /** GDAL's geotransform (c, a, b, f, d, e) in STAC/affine order (a, b, c, d, e, f). */
  static List<Double> stacTransform(double[] gt) {
    return List.of(gt[1], gt[2], gt[0], gt[4], gt[5], gt[3]);
  }

  private Optional<Opened> open(String path) {
    try (GdalDataset ds = GdalDataset.openReadOnly(path)) {
      Dataset d = ds.get();
      Band band = d.GetRasterBand(1);
      String wkt = d.GetProjectionRef();
      Grid grid =
          new Grid(
              wkt == null || wkt.isBlank() ? ardWkt2 : ArdAlbers.wkt2Of(wkt),
              List.of(d.getRasterYSize(), d.getRasterXSize()),
              stacTransform(d.GetGeoTransform()));
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

  private record Grid(String wkt2, List<Integer> shape, List<Double> transform) {}

  private record Opened(BandFacts facts, Grid grid) {}
}
