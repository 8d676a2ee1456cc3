package dev.scenelift.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The PIXELQA values USGS documents for Collection 1 come out of the flags. */
class PixelQaTest {
  @Test
  void landsat8ValuesMatchTheCollection1Table() {
    assertThat(StripRenderer.pixelQa(Strip.FILL, true)).isEqualTo((short) 1);
    assertThat(StripRenderer.pixelQa((byte) 0, true)).isEqualTo((short) 322);
    assertThat(StripRenderer.pixelQa(Strip.WATER, true)).isEqualTo((short) 324);
    assertThat(StripRenderer.pixelQa(Strip.SHADOW, true)).isEqualTo((short) 328);
    assertThat(StripRenderer.pixelQa(Strip.SNOW, true)).isEqualTo((short) 336);
    assertThat(StripRenderer.pixelQa(Strip.CLOUD, true)).isEqualTo((short) 480);
    assertThat(StripRenderer.pixelQa(Strip.CLOUD_EDGE, true)).isEqualTo((short) 386);
    assertThat(StripRenderer.pixelQa(Strip.TERRAIN_OCCLUDED, true)).isEqualTo((short) (322 | 1 << 10));
  }

  @Test
  void tmValuesHaveNoCirrusOrTerrainBits() {
    assertThat(StripRenderer.pixelQa((byte) 0, false)).isEqualTo((short) 66);
    assertThat(StripRenderer.pixelQa(Strip.WATER, false)).isEqualTo((short) 68);
    assertThat(StripRenderer.pixelQa(Strip.SHADOW, false)).isEqualTo((short) 72);
    assertThat(StripRenderer.pixelQa(Strip.SNOW, false)).isEqualTo((short) 80);
    assertThat(StripRenderer.pixelQa(Strip.CLOUD, false)).isEqualTo((short) 224);
    assertThat(StripRenderer.pixelQa(Strip.TERRAIN_OCCLUDED, false)).isEqualTo((short) 66);
  }
}
