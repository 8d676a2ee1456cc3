package dev.scenelift.cog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenelift.gdal.GdalDataset;
import dev.scenelift.gdal.GdalException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalInt;
import org.gdal.gdal.Band;
import org.gdal.gdalconst.gdalconstConstants;
import org.gdal.osr.SpatialReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CogConverterTest {
  @TempDir Path dir;

  private final CogConverter converter = new CogConverter(CogProfile.parse("deflate"), 2);

  @ParameterizedTest(name = "{0}")
  @CsvSource({"Int16,-9999", "UInt16,1", "Byte,255"})
  void roundTripKeepsPixelsNodataAndGeoreferencingForEachArdDataType(String typeName, double nodata)
      throws Exception {
    int type = org.gdal.gdal.gdal.GetDataTypeByName(typeName);
    int max = typeName.equals("Byte") ? 255 : typeName.equals("UInt16") ? 65535 : 32767;
    int min = typeName.equals("Int16") ? -32768 : 0;
    Path in =
        TestRasters.write(
            dir.resolve("in_SRB3.tif"),
            1100,
            700,
            type,
            (x, y) -> x < 5 ? (int) nodata : min + (int) (((long) x * 7919 + (long) y * 104729) % (max - min + 1L)),
            nodata);
    Path out = dir.resolve("out.tif");

    converter.convert(in.toString(), out, BandKind.CONTINUOUS);

    assertThat(TestRasters.pixels(out, -1)).isEqualTo(TestRasters.pixels(in, -1));
    try (GdalDataset a = GdalDataset.openReadOnly(in.toString());
        GdalDataset b = GdalDataset.openReadOnly(out.toString())) {
      Band band = b.get().GetRasterBand(1);
      Double[] nd = new Double[1];
      band.GetNoDataValue(nd);
      assertThat(nd[0]).isEqualTo(nodata);
      assertThat(band.getDataType()).isEqualTo(type);
      assertThat(b.get().GetGeoTransform()).containsExactly(TestRasters.GEO_TRANSFORM);
      assertThat(b.get().GetProjection()).isEqualTo(a.get().GetProjection());
      SpatialReference ard = new SpatialReference(TestRasters.ARD_ALBERS_WKT);
      assertThat(ard.IsSame(new SpatialReference(b.get().GetProjection()))).isEqualTo(1);
      // 1100x700 -> 550x350 -> 275x175: halved until it fits one 512 block
      assertThat(band.GetOverviewCount()).isEqualTo(2);
      assertThat(band.GetBlockXSize()).isEqualTo(512);
    }
    try (LocalByteSource s = new LocalByteSource(out)) {
      TiffStructure tiff = TiffStructure.read(s);
      assertThat(tiff.images().get(0).compression()).isEqualTo(8); // DEFLATE
      assertThat(tiff.images().get(0).predictor()).isEqualTo(2); // horizontal differencing
      assertThat(new CogValidator(true).validate(s).errors()).isEmpty();
    }
  }

  @Test
  void overviewsAverageMeasuredBandsAndKeepQaBitsNearest() throws Exception {
    // every 2x2 cell holds the flags 8, 16, 32, 64: their average (30) is no flag at all
    int[] flags = {8, 16, 32, 64};
    var pattern = (java.util.function.IntBinaryOperator) (x, y) -> flags[(x % 2) + 2 * (y % 2)];
    Path sr = TestRasters.write(dir.resolve("x_SRB4.tif"), 1024, 1024, gdalconstConstants.GDT_Int16, pattern, null);
    Path qa = TestRasters.write(dir.resolve("x_PIXELQA.tif"), 1024, 1024, gdalconstConstants.GDT_UInt16, pattern, null);
    assertThat(BandKind.ofFile(sr.getFileName().toString())).isEqualTo(BandKind.CONTINUOUS);
    assertThat(BandKind.ofFile(qa.getFileName().toString())).isEqualTo(BandKind.QUALITY);

    converter.convert(sr.toString(), dir.resolve("sr.tif"), BandKind.ofFile("x_SRB4.tif"));
    converter.convert(qa.toString(), dir.resolve("qa.tif"), BandKind.ofFile("x_PIXELQA.tif"));

    int[] srOverview = TestRasters.pixels(dir.resolve("sr.tif"), 0);
    int[] qaOverview = TestRasters.pixels(dir.resolve("qa.tif"), 0);
    assertThat(srOverview).hasSize(512 * 512);
    assertThat(Arrays.stream(srOverview).distinct().toArray()).containsExactly(30);
    assertThat(Arrays.stream(qaOverview).distinct().boxed().toList()).isSubsetOf(8, 16, 32, 64).doesNotContain(30);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"zstd,50000", "lzw,5"})
  void otherProfilesWriteValidCogsWithTheirCodec(String profile, int compressionTag) throws Exception {
    Path in = TestRasters.reflectance(dir.resolve("in_SRB2.tif"), 700, 600);
    Path out = dir.resolve("out.tif");
    new CogConverter(CogProfile.parse(profile), 1).convert(in.toString(), out, BandKind.CONTINUOUS);
    assertThat(TestRasters.pixels(out, -1)).isEqualTo(TestRasters.pixels(in, -1));
    try (LocalByteSource s = new LocalByteSource(out)) {
      assertThat(TiffStructure.read(s).images().get(0).compression()).isEqualTo(compressionTag);
      assertThat(new CogValidator(true).validate(s).isValid()).isTrue();
    }
  }

  @Test
  void profilesAreDataWithCheckedLevels() {
    assertThat(CogProfile.names()).containsExactly("deflate", "zstd", "lzw");
    assertThat(CogProfile.parse("ZSTD").withLevel(15).level()).isEqualTo(OptionalInt.of(15));
    assertThat(converter.creationOptions(BandKind.QUALITY, true))
        .contains("BLOCKSIZE=512", "COMPRESS=DEFLATE", "LEVEL=6", "PREDICTOR=2", "OVERVIEW_RESAMPLING=NEAREST");
    assertThatThrownBy(() -> CogProfile.parse("deflate").withLevel(40)).hasMessageContaining("1..12");
    assertThatThrownBy(() -> CogProfile.parse("lzw").withLevel(3)).hasMessageContaining("no compression level");
    assertThatThrownBy(() -> CogProfile.parse("jpeg")).hasMessageContaining("deflate, zstd, lzw");
  }

  @Test
  void htmlPageSavedAsTifIsRefusedWithGdalsReason() throws IOException {
    Path html = Files.writeString(dir.resolve("x_SRB1.TIF"), "<!DOCTYPE html><html><body>503</body></html>", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> converter.convert(html.toString(), dir.resolve("o.tif"), BandKind.CONTINUOUS))
        .isInstanceOf(GdalException.class)
        .hasMessageContaining("x_SRB1.TIF");
  }
}
