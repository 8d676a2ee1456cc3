package dev.scenelift.cog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenelift.gdal.GdalDataset;
import dev.scenelift.testing.GdalCogScript;
import java.nio.file.Path;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GDAL's own validate_cloud_optimized_geotiff.py and our {@link CogValidator} give the same verdicts. */
class CogValidatorAgreesWithGdalTest {
  @TempDir Path dir;
  private final GdalCogScript gdalScript = new GdalCogScript();

  private boolean ours(Path file) throws Exception {
    try (LocalByteSource s = new LocalByteSource(file)) {
      return new CogValidator(false).validate(s).isValid();
    }
  }

  @Test
  void bothAcceptGdalsOwnCogsInEveryProfileOfCogConvert() throws Exception {
    Path src = TestRasters.reflectance(dir.resolve("src.tif"), 1300, 1100);
    for (CogProfile p : CogProfile.KNOWN) {
      Path cog = TestRasters.gdalCog(src, dir.resolve(p.name() + ".tif"), "COMPRESS=" + p.compress(), "BLOCKSIZE=512");
      GdalCogScript.Verdict v = gdalScript.validate(cog);
      assertThat(v.valid()).as(p.name() + ": " + v.output()).isTrue();
      assertThat(ours(cog)).as(p.name()).isTrue();
    }
  }

  /**
   * USGS ships 5000 pixels wide, striped. (GDAL's script lets striped files up to 1024 pixels wide pass; ours is
   * stricter there and rejects any striped file over 512 pixels.)
   */
  @Test
  void bothRejectAStripedGeoTiffAsUsgsShipsIt() throws Exception {
    Path striped = TestRasters.reflectance(dir.resolve("striped.tif"), 1300, 1100);
    GdalCogScript.Verdict v = gdalScript.validate(striped);
    assertThat(v.exit()).as(v.output()).isEqualTo(1);
    assertThat(v.output()).contains("is NOT a valid cloud optimized GeoTIFF").contains("not tiled");
    assertThat(ours(striped)).isFalse();
  }

  @Test
  void bothRejectATiledTiffWhoseOverviewsWereAddedAfterItsData() throws Exception {
    Path tiled =
        TestRasters.write(
            dir.resolve("late.tif"), 1024, 1024, gdalconstConstants.GDT_Int16, (x, y) -> x * y % 1000, null,
            "TILED=YES", "BLOCKXSIZE=512", "BLOCKYSIZE=512", "COMPRESS=DEFLATE");
    try (GdalDataset ds = GdalDataset.own(gdal.Open(tiled.toString(), gdalconstConstants.GA_Update))) {
      ds.get().BuildOverviews("AVERAGE", new int[] {2});
    }
    GdalCogScript.Verdict v = gdalScript.validate(tiled);
    assertThat(v.exit()).as(v.output()).isEqualTo(1);
    assertThat(v.output()).contains("is NOT a valid cloud optimized GeoTIFF");
    assertThat(ours(tiled)).isFalse();
  }

  @Test
  void bothRejectACogEditedInPlace() throws Exception {
    Path cog = TestRasters.gdalCog(TestRasters.reflectance(dir.resolve("s.tif"), 600, 600), dir.resolve("c.tif"));
    try (GdalDataset ds = GdalDataset.own(gdal.Open(cog.toString(), gdalconstConstants.GA_Update))) {
      ds.get().GetRasterBand(1).WriteRaster(0, 0, 2, 2, new int[] {1, 2, 3, 4});
    }
    GdalCogScript.Verdict v = gdalScript.validate(cog);
    assertThat(v.exit()).as(v.output()).isEqualTo(1);
    assertThat(v.output()).contains("KNOWN_INCOMPATIBLE_EDITION");
    assertThat(ours(cog)).isFalse();
  }
}
