package dev.scenelift.thumb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenelift.gdal.Gdal;
import dev.scenelift.gdal.GdalDataset;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThumbnailRendererTest {
  @TempDir Path tmp;

  private String band(String name, int size, java.util.function.IntBinaryOperator v) {
    Gdal.init();
    Path f = tmp.resolve(name);
    Dataset ds = gdal.GetDriverByName("GTiff").Create(f.toString(), size, size, 1, gdalconstConstants.GDT_Int16);
    try (GdalDataset owned = GdalDataset.own(ds)) {
      short[] data = new short[size * size];
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          data[y * size + x] = (short) v.applyAsInt(x, y);
        }
      }
      ds.GetRasterBand(1).SetNoDataValue(-9999);
      ds.GetRasterBand(1).WriteRaster(0, 0, size, size, size, size, gdalconstConstants.GDT_Int16, data);
    }
    return f.toString();
  }

  @Test
  void largeIsAboutAThousandPixelsAndSmallAboutThreeHundred() throws Exception {
    String r = band("r.tif", 1500, (x, y) -> x);
    String g = band("g.tif", 1500, (x, y) -> y);
    String b = band("b.tif", 1500, (x, y) -> 7);
    Thumbnails t = new ThumbnailRenderer(new BandReader(), new TrueColour()).render(List.of(r, g, b));
    BufferedImage large = ImageIO.read(new ByteArrayInputStream(t.large()));
    BufferedImage small = ImageIO.read(new ByteArrayInputStream(t.small()));
    assertThat(large.getWidth()).isEqualTo(ThumbnailRenderer.LARGE);
    assertThat(small.getWidth()).isEqualTo(ThumbnailRenderer.SMALL);
    // red grows to the right, green downwards
    int topRight = large.getRGB(990, 10);
    int bottomLeft = large.getRGB(10, 990);
    assertThat((topRight >> 16) & 0xff).isGreaterThan(200);
    assertThat((topRight >> 8) & 0xff).isLessThan(50);
    assertThat((bottomLeft >> 8) & 0xff).isGreaterThan(200);
    assertThat((bottomLeft >> 16) & 0xff).isLessThan(50);
  }
}
