package dev.scenelift.qa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenelift.gdal.GdalException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fractions of crafted QA bands, read block row by block row. */
class QaFractionsTest {
  private static final int CLEAR = 66;
  private static final int CLOUD_HIGH = 224;
  private static final int CLOUD_LOW = 96; // cloud + low confidence
  private static final int FILL = 1;

  @TempDir Path dir;
  private final QaBandReader reader = new QaBandReader();

  @Test
  void allFillHasNoValidPixels() {
    QaReport r = reader.read(QaRasters.constant(dir.resolve("fill.tif"), 100, 80, FILL).toString(), QaLayout.C1_TM_ETM);
    assertThat(r.fillPercent()).isEqualTo(100.0);
    assertThat(r.valid()).isZero();
    assertThat(r.percentages()).allSatisfy((k, v) -> assertThat(v).isEqualTo(k.equals("fill") ? 100.0 : 0.0));
  }

  @Test
  void allCloudIsAHundredPercentCloud() {
    QaReport r = reader.read(QaRasters.constant(dir.resolve("cloud.tif"), 100, 80, CLOUD_HIGH).toString(),
        QaLayout.C1_TM_ETM);
    assertThat(r.cloudPercent()).isEqualTo(100.0);
    assertThat(r.percentages().get("cloud_high")).isEqualTo(100.0);
    assertThat(r.fillPercent()).isZero();
  }

  @Test
  void halfFillHalfCloudCountsCloudOverValidPixelsOnly() {
    // rows alternate in bands across block boundaries: left half fill, right half: cloud on even rows, clear on odd
    Path f = QaRasters.write(dir.resolve("half.tif"), 300, 170, 64,
        (x, y) -> x < 150 ? FILL : (y % 2 == 0 ? CLOUD_HIGH : CLEAR));
    QaReport r = reader.read(f.toString(), QaLayout.C1_TM_ETM);
    assertThat(r.total()).isEqualTo(300 * 170);
    assertThat(r.fillPercent()).isEqualTo(50.0);
    assertThat(r.cloudPercent()).isEqualTo(50.0);
    assertThat(r.percentages().get("clear")).isEqualTo(50.0);
  }

  @Test
  void separatesHighFromLowConfidence() {
    Path f = QaRasters.write(dir.resolve("conf.tif"), 200, 100, 32, (x, y) -> x < 50 ? CLOUD_HIGH : CLOUD_LOW);
    QaReport r = reader.read(f.toString(), QaLayout.C1_TM_ETM);
    assertThat(r.cloudPercent()).isEqualTo(100.0);
    assertThat(r.percentages().get("cloud_high")).isEqualTo(25.0);
    assertThat(r.percentages().get("cloud_low")).isEqualTo(75.0);
    assertThat(r.percentages().get("cloud_medium")).isZero();
  }

  @Test
  void blockRowReadingCountsEveryPixelOnce() {
    // odd size, strips (not tiles) of odd height: the histogram must equal the pixel values' own counts
    Path f = QaRasters.write(dir.resolve("odd.tif"), 333, 257, 16, (x, y) -> (x * 7 + y * 13) % 300);
    long[] h = reader.histogram(f.toString());
    assertThat(Arrays.stream(h).sum()).isEqualTo(333L * 257);
    long[] expected = new long[1 << 16];
    for (int y = 0; y < 257; y++) {
      for (int x = 0; x < 333; x++) {
        expected[(x * 7 + y * 13) % 300]++;
      }
    }
    assertThat(h).isEqualTo(expected);
  }

  @Test
  void refusesANonSixteenBitBand() throws Exception {
    Path f = dir.resolve("byte.tif");
    dev.scenelift.gdal.Gdal.init();
    try (var ds = dev.scenelift.gdal.GdalDataset.own(org.gdal.gdal.gdal.GetDriverByName("GTiff")
        .Create(f.toString(), 4, 4, 1, org.gdal.gdalconst.gdalconstConstants.GDT_Byte))) {
      ds.get().GetRasterBand(1).Fill(0);
    }
    assertThatThrownBy(() -> reader.read(f.toString(), QaLayout.C2))
        .isInstanceOf(GdalException.class)
        .hasMessageContaining("is Byte, a pixel QA band is UInt16");
  }
}
