package dev.scenelift.index;

import static dev.scenelift.index.IndexedTile.L5;
import static dev.scenelift.index.IndexedTile.L8;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThumbnailBandMappingTest {
  @TempDir Path tmp;

  @Test
  void landsat8UsesB4B3B2AndLandsat5UsesB3B2B1() throws Exception {
    try (IndexedTile t = new IndexedTile(tmp)) {
      // a decoy: Landsat 5's B4 (near infrared) must not be used as red; it is bright downwards
      t.fixture.scene(L5, Map.of("B4", (x, y) -> 100 + y * 30), false);
      assertThat(t.run()).as(t.lastErr).isZero();
      for (var id : java.util.List.of(L8, L5)) {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(t.bytes(t.names().largeThumb(id))));
        int w = img.getWidth();
        int topRight = img.getRGB(w - 3, 30);
        int bottomLeft = img.getRGB(30, w - 3);
        assertThat((topRight >> 16) & 0xff).as(id + " red at top right").isGreaterThan(200);
        assertThat((topRight >> 8) & 0xff).as(id + " green at top right").isLessThan(60);
        assertThat((bottomLeft >> 16) & 0xff).as(id + " red at bottom left").isLessThan(60);
        assertThat((bottomLeft >> 8) & 0xff).as(id + " green at bottom left").isGreaterThan(200);
        assertThat(img.getRGB(2, 2) >>> 24).as(id + " nodata corner transparent").isZero();
      }
    }
  }

  @Test
  void thumbnailReadsTheCogWhenThereIsOne() throws Exception {
    try (IndexedTile t = new IndexedTile(tmp)) {
      // the raw red band is no raster at all: only the COG can make this thumbnail
      t.fixture.put(
          t.layout.rawObject(L8, dev.scenelift.scene.Bundle.SR, L8 + "_SRB4.tif"), "not a tiff".getBytes(), "image/tiff");
      assertThat(t.run()).as(t.lastErr).isZero();
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(t.bytes(t.names().largeThumb(L8))));
      assertThat((img.getRGB(img.getWidth() - 3, 30) >> 16) & 0xff).isGreaterThan(200);
    }
  }
}
