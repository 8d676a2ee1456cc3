package dev.scenelift.thumb;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PercentileStretchTest {
  private static final OptionalDouble NODATA = OptionalDouble.of(-9999);

  @Test
  void stretchesBetweenSecondAndNinetyEighthPercentileOfValidPixelsOnly() {
    // 0..100 plus lots of nodata and NaN that must not move the percentiles
    float[] px = new float[301];
    for (int i = 0; i <= 100; i++) {
      px[i] = i;
    }
    for (int i = 101; i < 301; i++) {
      px[i] = i % 2 == 0 ? -9999 : Float.NaN;
    }
    PercentileStretch s = PercentileStretch.of(px, NODATA).orElseThrow();
    assertThat(s.low()).isEqualTo(2);
    assertThat(s.high()).isEqualTo(98);
    assertThat(s.apply(2)).isEqualTo(1);
    assertThat(s.apply(98)).isEqualTo(255);
    assertThat(s.apply(-500)).as("clipped below").isEqualTo(1);
    assertThat(s.apply(5000)).as("clipped above").isEqualTo(255);
    assertThat(s.apply(50)).isBetween(126, 130);
  }

  @Test
  void outliersDoNotDarkenTheStretch() {
    float[] px = new float[1000];
    for (int i = 0; i < px.length; i++) {
      px[i] = 1000 + (i % 100);
    }
    px[0] = 30000; // a saturated pixel
    px[1] = -2000;
    PercentileStretch s = PercentileStretch.of(px, NODATA).orElseThrow();
    assertThat(s.high()).isLessThan(1100);
    assertThat(s.low()).isGreaterThanOrEqualTo(1000);
  }

  @Test
  void bandWithoutValidPixelsHasNoStretch() {
    assertThat(PercentileStretch.of(new float[] {-9999, -9999, Float.NaN}, NODATA)).isEmpty();
  }

  @Test
  void nodataInAnyBandIsTransparentAndValidPixelsAreOpaque() {
    float[] r = {-9999, 10, 20, 30};
    float[] g = {10, 20, -9999, 40};
    float[] b = {10, 20, 30, 40};
    BufferedImage img =
        new TrueColour()
            .compose(new BandRaster(2, 2, r, NODATA), new BandRaster(2, 2, g, NODATA), new BandRaster(2, 2, b, NODATA));
    assertThat(img.getRGB(0, 0) >>> 24).isZero();
    assertThat(img.getRGB(0, 1) >>> 24).isZero();
    assertThat(img.getRGB(1, 0) >>> 24).isEqualTo(255);
    assertThat(img.getRGB(1, 1) >>> 24).isEqualTo(255);
  }
}
