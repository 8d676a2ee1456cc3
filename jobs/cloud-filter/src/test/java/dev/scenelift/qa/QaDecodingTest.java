package dev.scenelift.qa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scenelift.scene.Collection;
import dev.scenelift.scene.Sensor;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bit decoding against hand-computed pixels, each written into a real GeoTIFF and read back through GDAL. */
class QaDecodingTest {
  @TempDir Path dir;
  private final QaBandReader reader = new QaBandReader();

  private QaReport decode(QaLayout layout, int... pixels) {
    Path f = QaRasters.write(dir.resolve("qa-" + System.nanoTime() + ".tif"), pixels.length, 1, 16,
        (x, y) -> pixels[x]);
    return reader.read(f.toString(), layout);
  }

  @Test
  void picksTheLayoutByCollectionAndSensor() {
    assertThat(QaLayout.of(Collection.C1, Sensor.LT05)).isEqualTo(QaLayout.C1_TM_ETM);
    assertThat(QaLayout.of(Collection.C1, Sensor.LE07)).isEqualTo(QaLayout.C1_TM_ETM);
    assertThat(QaLayout.of(Collection.C1, Sensor.LC08)).isEqualTo(QaLayout.C1_OLI);
    assertThat(QaLayout.of(Collection.C2, Sensor.LT04)).isEqualTo(QaLayout.C2);
  }

  @Test
  void decodesCollection1TmEtmPixels() {
    // 1 = fill; 66 = 0b0100_0010 clear + low confidence; 68 = water + low; 72 = shadow + low;
    // 80 = snow + low; 224 = 0b1110_0000 cloud + high; 160 = 0b1010_0000 cloud + medium;
    // 0x300 | 66: bits 8-9 set, which TM/ETM does not use (no cirrus)
    QaReport r = decode(QaLayout.C1_TM_ETM, 1, 66, 68, 72, 80, 224, 160, 0x300 | 66);
    assertThat(r.total()).isEqualTo(8);
    assertThat(r.fill()).isEqualTo(1);
    assertThat(r.valid()).isEqualTo(7);
    assertThat(r.clear()).isEqualTo(2);
    assertThat(r.water()).isEqualTo(1);
    assertThat(r.shadow()).isEqualTo(1);
    assertThat(r.snow()).isEqualTo(1);
    assertThat(r.cloud()).isEqualTo(2);
    assertThat(r.cloudHigh()).isEqualTo(1);
    assertThat(r.cloudMedium()).isEqualTo(1);
    assertThat(r.cloudLow()).isEqualTo(5);
    assertThat(r.cirrus()).isZero();
    assertThat(r.terrain()).isZero();
    assertThat(r.cloudPercent()).isCloseTo(200.0 / 7, within(1e-9));
    assertThat(r.fillPercent()).isCloseTo(12.5, within(1e-9));
  }

  @Test
  void decodesCollection1OliCirrusAndTerrain() {
    // 322 = 0b1_0100_0010: clear + low cloud conf + cirrus conf low (bit 8) -> not cirrus
    // 834 = 0b11_0100_0010: cirrus conf high (bits 8,9) -> cirrus; 578 = bit 9 only (medium) -> cirrus
    // 1090 = 0b100_0100_0010: terrain occlusion; 480 = 0b1_1110_0000 cloud high + cirrus low
    QaReport r = decode(QaLayout.C1_OLI, 322, 834, 578, 1090, 480);
    assertThat(r.cirrus()).isEqualTo(2);
    assertThat(r.terrain()).isEqualTo(1);
    assertThat(r.cloud()).isEqualTo(1);
    assertThat(r.cloudOrCirrus()).isEqualTo(3);
    assertThat(r.cloudOrDilated()).isEqualTo(1);
    assertThat(r.clear()).isEqualTo(4);
  }

  @Test
  void decodesCollection2QaPixel() {
    // 21824 = 0x5540: clear (bit 6) + cloud/shadow/snow/cirrus conf low (bits 8,10,12,14)
    // 21952 = 0x55C0: clear + water (bit 7); 1 = fill
    // 0xFF08 = cloud (bit 3) + every confidence high; 0x5542 = dilated (bit 1) + clear
    // 0xC504 = cirrus (bit 2) + cirrus conf high + cloud conf low; 0x5550 = shadow (bit 4); 0x5560 = snow (bit 5) +
    // clear;
    // 0x5A48: clear (bit 6) + cloud (bit 3) + cloud conf medium (bits 8-9 = 2)
    QaReport r = decode(QaLayout.C2, 0x5540, 0x55C0, 1, 0xFF08, 0x5542, 0xC504, 0x5550, 0x5560, 0x5A48);
    assertThat(r.fill()).isEqualTo(1);
    assertThat(r.valid()).isEqualTo(8);
    assertThat(r.clear()).isEqualTo(6);
    assertThat(r.water()).isEqualTo(1);
    assertThat(r.cloud()).isEqualTo(2);
    assertThat(r.cloudHigh()).isEqualTo(1);
    assertThat(r.cloudMedium()).isEqualTo(1);
    assertThat(r.cloudLow()).isEqualTo(6);
    assertThat(r.dilated()).isEqualTo(1);
    assertThat(r.cirrus()).isEqualTo(1);
    assertThat(r.shadow()).isEqualTo(1);
    assertThat(r.snow()).isEqualTo(1);
    assertThat(r.cloudOrCirrus()).isEqualTo(3);
    assertThat(r.cloudOrDilated()).isEqualTo(3);
    assertThat(r.cloudOrCirrusOrDilated()).isEqualTo(4);
    Map<String, Double> p = r.percentages();
    assertThat(p.get("cloud")).isEqualTo(25.0);
    assertThat(p.get("cloud_or_cirrus_or_dilated")).isEqualTo(50.0);
    assertThat(p.get("fill")).isCloseTo(100.0 / 9, within(1e-9));
  }

  /**
   * Values as Landsat 8 C2 QA_PIXEL bands hold them (each decoded from the bit table of the C2 DFCB; every pixel carries
   * its low confidences): cloud is bit 3 alone (USGS sets it with high cloud confidence), so a medium-confidence pixel
   * and a dilated-cloud pixel are not cloud; clear (bit 6) is set on shadow, snow, water and cirrus pixels too.
   */
  @Test
  void decodesQaPixelValuesWithTheirDocumentedMeaning() {
    int clearLand = 21824; // 0x5540: clear, confidences low
    int water = 21952; // 0x55C0: clear + water
    int cloud = 22280; // 0x5708: cloud + cloud confidence high
    int shadow = 23888; // 0x5D50: shadow + shadow confidence high, clear
    int snow = 30048; // 0x7560: snow + snow/ice confidence high, clear
    int dilated = 21762; // 0x5502: dilated cloud, not clear
    int mediumCloud = 22080; // 0x5640: cloud confidence medium, clear
    int cirrus = 54596; // 0xD544: cirrus + cirrus confidence high, clear
    int fill = 1;
    QaReport r = decode(QaLayout.C2, clearLand, water, cloud, shadow, snow, dilated, mediumCloud, cirrus, fill);
    assertThat(r.fill()).isEqualTo(1);
    assertThat(r.valid()).isEqualTo(8);
    assertThat(r.cloud()).as("bit 3 only").isEqualTo(1);
    assertThat(r.cloudHigh()).isEqualTo(1);
    assertThat(r.cloudMedium()).isEqualTo(1);
    assertThat(r.cloudLow()).isEqualTo(6);
    assertThat(r.dilated()).isEqualTo(1);
    assertThat(r.cirrus()).isEqualTo(1);
    assertThat(r.shadow()).isEqualTo(1);
    assertThat(r.snow()).isEqualTo(1);
    assertThat(r.water()).isEqualTo(1);
    assertThat(r.clear()).as("all but cloud and dilated").isEqualTo(6);
    assertThat(r.cloudOrDilated()).isEqualTo(2);
    assertThat(r.cloudOrCirrusOrDilated()).isEqualTo(3);
    assertThat(r.percentages().get("cloud")).isEqualTo(12.5);
    // TM/ETM+ (no cirrus pair): 5440 clear land, 5896 cloud, 7504 shadow
    QaReport tm = decode(QaLayout.of(Collection.C2, Sensor.LT05), 5440, 5896, 7504, 1);
    assertThat(tm.cloud()).isEqualTo(1);
    assertThat(tm.shadow()).isEqualTo(1);
    assertThat(tm.clear()).isEqualTo(2);
    assertThat(tm.cirrus()).isZero();
  }

  @Test
  void theSameValueMeansDifferentThingsPerCollection() {
    // 0x28 = bits 3 and 5: C1 shadow + cloud; C2 cloud + snow
    QaReport c1 = decode(QaLayout.C1_TM_ETM, 0x28);
    QaReport c2 = decode(QaLayout.C2, 0x28);
    assertThat(c1.shadow()).isEqualTo(1);
    assertThat(c1.snow()).isZero();
    assertThat(c2.shadow()).isZero();
    assertThat(c2.snow()).isEqualTo(1);
    assertThat(c1.cloud()).isEqualTo(1);
    assertThat(c2.cloud()).isEqualTo(1);
  }
}
