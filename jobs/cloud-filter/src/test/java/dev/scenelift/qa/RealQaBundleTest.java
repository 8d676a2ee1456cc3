package dev.scenelift.qa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scenelift.metadata.ArdMetadata;
import dev.scenelift.metadata.ArdMetadataParser;
import dev.scenelift.scene.Collection;
import dev.scenelift.scene.Sensor;
import dev.scenelift.testing.SharedData;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real USGS QA bundle of LE07_CU_014007_20150223_20170330_C01_V01: its PIXELQA band, decoded by us, against the
 * cover figures USGS wrote into the XML in the same tar.
 *
 * <p>Tolerance: the XML rounds to 4 decimals, so the figures must agree within 0.00005 percentage points. They do
 * (cloud 0.527643 vs 0.5276, fill 98.626344 vs 98.6263) for cloud, shadow and fill. USGS's {@code snow_ice} (0.2414)
 * counts snow pixels <em>without</em> the cloud flag (829 of 343 414 valid pixels); all snow-flagged pixels are 0.2565
 * %, so we report both ({@code snow}, {@code snow_not_cloud}).
 */
class RealQaBundleTest {
  private static final String ID = "LE07_CU_014007_20150223_20170330_C01_V01";
  private static final double XML_ROUNDING = 0.00005;

  @TempDir Path dir;

  @Test
  void qaDerivedCoverMatchesTheBundlesOwnXml() throws Exception {
    try (InputStream in = Files.newInputStream(SharedData.file("ard-samples/" + ID + "_QA.tar"));
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        Path out = dir.resolve(Path.of(e.getName()).getFileName().toString());
        Files.copy(tar, out);
      }
    }
    ArdMetadata xml = new ArdMetadataParser().parse(dir.resolve(ID + ".xml"));
    QaReport qa =
        new QaBandReader().read(dir.resolve(ID + "_PIXELQA.tif").toString(), QaLayout.of(Collection.C1, Sensor.LE07));

    assertThat(qa.total()).isEqualTo(25_000_000L);
    assertThat(qa.valid()).isEqualTo(343_414L);
    assertThat(qa.cloudPercent()).isCloseTo(xml.cover().cloudCover(), within(XML_ROUNDING));
    assertThat(qa.fillPercent()).isCloseTo(xml.cover().fill(), within(XML_ROUNDING));
    assertThat(qa.percentOfValid(qa.shadow())).isCloseTo(xml.cover().cloudShadow(), within(XML_ROUNDING));
    assertThat(qa.percentOfValid(qa.snowNotCloud())).isCloseTo(xml.cover().snowIce(), within(XML_ROUNDING));
    assertThat(qa.percentOfValid(qa.snow())).isCloseTo(0.2565, within(XML_ROUNDING));
    assertThat(qa.cloud()).isEqualTo(1812L);
  }
}
