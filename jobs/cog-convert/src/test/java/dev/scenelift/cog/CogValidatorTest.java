package dev.scenelift.cog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenelift.gdal.GdalDataset;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CogValidatorTest {
  @TempDir Path dir;

  private CogValidation validate(Path file, boolean strict) throws Exception {
    try (LocalByteSource s = new LocalByteSource(file)) {
      return new CogValidator(strict).validate(s);
    }
  }

  @Test
  void acceptsGdalsOwnCogs() throws Exception {
    Path src = TestRasters.reflectance(dir.resolve("src.tif"), 1300, 1100);
    Path deflate = TestRasters.gdalCog(src, dir.resolve("deflate.tif"), "COMPRESS=DEFLATE", "BLOCKSIZE=512");
    Path small = TestRasters.gdalCog(src, dir.resolve("256.tif"), "COMPRESS=LZW", "BLOCKSIZE=256");
    Path big = TestRasters.gdalCog(src, dir.resolve("big.tif"), "BIGTIFF=YES");

    for (Path cog : new Path[] {deflate, small, big}) {
      CogValidation v = validate(cog, true);
      assertThat(v.errors()).as(cog.toString()).isEmpty();
      assertThat(v.verdict()).isEqualTo(CogValidation.Verdict.VALID);
      assertThat(v.overviews()).isPositive();
    }
    try (LocalByteSource s = new LocalByteSource(deflate)) {
      TiffStructure t = TiffStructure.read(s);
      assertThat(t.structuralMetadata()).get().asString().contains("LAYOUT=IFDS_BEFORE_DATA");
      assertThat(t.firstIfdOffset()).isEqualTo(t.expectedFirstIfd()).isGreaterThan(8);
    }
  }

  @Test
  void rejectsStripedTiff() throws Exception {
    Path striped = TestRasters.reflectance(dir.resolve("striped.tif"), 1024, 1024);
    CogValidation v = validate(striped, false);
    assertThat(v.verdict()).isEqualTo(CogValidation.Verdict.INVALID);
    assertThat(v.errors()).anyMatch(e -> e.contains("striped, not tiled"));
  }

  @Test
  void rejectsTiffWithExternalOverviews() throws Exception {
    Path tiled = TestRasters.write(
        dir.resolve("ext.tif"), 1024, 1024, gdalconstConstants.GDT_Int16, (x, y) -> x + y, null,
        "TILED=YES", "BLOCKXSIZE=512", "BLOCKYSIZE=512");
    try (GdalDataset ds = GdalDataset.openReadOnly(tiled.toString())) {
      ds.get().BuildOverviews("AVERAGE", new int[] {2});
    }
    assertThat(dir.resolve("ext.tif.ovr")).exists();
    CogValidation v = validate(tiled, false);
    assertThat(v.errors()).anyMatch(e -> e.contains("external .ovr"));
  }

  @Test
  void rejectsTiffWhoseIfdsFollowItsData() throws Exception {
    Path tiled = TestRasters.write(
        dir.resolve("late.tif"), 1024, 1024, gdalconstConstants.GDT_Int16, (x, y) -> x * y % 1000, null,
        "TILED=YES", "BLOCKXSIZE=512", "BLOCKYSIZE=512", "COMPRESS=DEFLATE");
    // overviews added afterwards land behind the main image's data, with their IFDs
    try (GdalDataset ds = GdalDataset.own(gdal.Open(tiled.toString(), gdalconstConstants.GA_Update))) {
      ds.get().BuildOverviews("AVERAGE", new int[] {2});
    }
    CogValidation v = validate(tiled, false);
    assertThat(v.isValid()).isFalse();
    assertThat(v.errors()).anyMatch(e -> e.contains("follows image data"));
    assertThat(v.errors()).anyMatch(e -> e.contains("smallest overview first"));
  }

  @Test
  void largeTiledImageWithoutOverviewsWarnsAndStrictModeRejectsIt() throws Exception {
    Path tiled = TestRasters.write(
        dir.resolve("noovr.tif"), 1024, 600, gdalconstConstants.GDT_Byte, (x, y) -> x % 200, null,
        "TILED=YES", "BLOCKXSIZE=512", "BLOCKYSIZE=512");
    CogValidation lenient = validate(tiled, false);
    assertThat(lenient.verdict()).isEqualTo(CogValidation.Verdict.VALID_WITH_WARNINGS);
    assertThat(lenient.warnings()).singleElement().asString().contains("no internal overviews");
    CogValidation strict = validate(tiled, true);
    assertThat(strict.verdict()).isEqualTo(CogValidation.Verdict.INVALID);
    assertThat(strict.errors()).singleElement().asString().startsWith("(strict)");
  }

  @Test
  void rejectsHtmlPageAndTruncatedCog() throws Exception {
    Path html = Files.writeString(dir.resolve("page.tif"), "<html><body>Forbidden</body></html>", StandardCharsets.UTF_8);
    assertThat(validate(html, false).errors()).singleElement().asString().contains("HTML");

    Path cog = TestRasters.gdalCog(TestRasters.reflectance(dir.resolve("s.tif"), 800, 800), dir.resolve("c.tif"));
    byte[] bytes = Files.readAllBytes(cog);
    Path cut = Files.write(dir.resolve("cut.tif"), Arrays.copyOf(bytes, bytes.length / 2));
    assertThat(validate(cut, false).errors()).anyMatch(e -> e.contains("past the end of the file"));
  }

  @Test
  void detectsCorruptedBlockLeader() throws Exception {
    Path cog = TestRasters.gdalCog(TestRasters.reflectance(dir.resolve("s.tif"), 600, 600), dir.resolve("c.tif"));
    long firstBlock;
    try (LocalByteSource s = new LocalByteSource(cog)) {
      firstBlock = TiffStructure.read(s).images().get(0).firstBlockOffset();
    }
    byte[] bytes = Files.readAllBytes(cog);
    bytes[(int) firstBlock - 4] ^= 0x55; // GDAL writes each block's size in the 4 bytes before it
    Files.write(cog, bytes);
    assertThat(validate(cog, false).errors()).anyMatch(e -> e.contains("leader says"));
  }

  @Test
  void rejectsCogEditedInPlaceWhichGdalMarksIncompatible() throws Exception {
    Path cog = TestRasters.gdalCog(TestRasters.reflectance(dir.resolve("s.tif"), 600, 600), dir.resolve("c.tif"));
    assertThat(validate(cog, true).isValid()).isTrue();
    try (GdalDataset ds = GdalDataset.own(gdal.Open(cog.toString(), gdalconstConstants.GA_Update))) {
      ds.get().GetRasterBand(1).WriteRaster(0, 0, 2, 2, new int[] {1, 2, 3, 4});
    }
    assertThat(validate(cog, false).errors()).anyMatch(e -> e.contains("KNOWN_INCOMPATIBLE_EDITION=YES"));
  }
}
