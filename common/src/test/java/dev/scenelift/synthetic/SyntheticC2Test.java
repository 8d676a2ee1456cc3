package dev.scenelift.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenelift.gdal.GdalDataset;
import dev.scenelift.manifest.BundleSource;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.metadata.ArdMetadata;
import dev.scenelift.metadata.ArdMetadataParser;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.Collection;
import dev.scenelift.scene.Sensor;
import dev.scenelift.scene.Tile;
import dev.scenelift.source.Catalogs;
import dev.scenelift.source.SourceOptions;
import dev.scenelift.store.S3Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdalconst.gdalconstConstants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --source synthetic:c2}: Collection 2 bundles as EarthExplorer/M2M ship them, from the same generator. */
class SyntheticC2Test {
  static final Tile H03V03 = Tile.parse("h03v03");
  static final int SIZE = 64;

  @TempDir static Path data;
  @TempDir static Path scratch;
  static List<SceneEntry> scenes;

  @BeforeAll
  static void generate() throws Exception {
    SourceOptions options = new SourceOptions(data, S3Settings.aws(Optional.empty()), SIZE, Optional.empty());
    scenes = Catalogs.forSource("synthetic:c2:4", options).list(H03V03);
  }

  @Test
  void makesC2ScenesInFiveTarsWithC2FileNames() throws Exception {
    assertThat(scenes).hasSize(4);
    for (SceneEntry e : scenes) {
      assertThat(e.id().collection()).isEqualTo(Collection.C2);
      assertThat(e.id().toString()).endsWith("_02");
      assertThat(e.bundles()).extracting(BundleSource::fileName)
          .containsExactlyInAnyOrder(e.id() + "_SR.tar", e.id() + "_ST.tar", e.id() + "_TOA.tar",
              e.id() + "_BT.tar", e.id() + "_QA.tar");
      boolean oli = e.id().sensor().isOli();
      Map<String, Path> qa = extract(e, Bundle.QA);
      assertThat(qa.keySet()).containsExactly(e.id() + "_QA_PIXEL.TIF", e.id() + "_QA_RADSAT.TIF",
          e.id() + "_QA_LINEAGE.TIF", e.id() + ".xml");
      Set<String> sr = extract(e, Bundle.SR).keySet();
      assertThat(sr).contains(e.id() + "_SR_B1.TIF", e.id() + "_SR_B7.TIF", e.id() + ".xml");
      assertThat(sr.contains(e.id() + "_SR_B6.TIF")).as("SR_B6 is OLI's SWIR1, TM's thermal").isEqualTo(oli);
      assertThat(sr).contains(oli ? e.id() + "_SR_QA_AEROSOL.TIF" : e.id() + "_SR_CLOUD_QA.TIF");
      assertThat(extract(e, Bundle.ST).keySet())
          .containsExactly(e.id() + (oli ? "_ST_B10.TIF" : "_ST_B6.TIF"), e.id() + "_ST_QA.TIF", e.id() + ".xml");
      assertThat(extract(e, Bundle.BT).keySet())
          .contains(e.id() + (oli ? "_BT_B10.TIF" : "_BT_B6.TIF"));
      assertThat(extract(e, Bundle.TOA).keySet()).contains(e.id() + "_TOA_B1.TIF");
    }
  }

  @Test
  void qaPixelHoldsOnlyDocumentedC2ValuesAndTheXmlCountsThem() throws Exception {
    Set<Integer> seen = new TreeSet<>();
    for (SceneEntry e : scenes) {
      Map<String, Path> qa = extract(e, Bundle.QA);
      int[] values = pixels(qa.get(e.id() + "_QA_PIXEL.TIF"));
      long fill = 0, cloud = 0;
      for (int v : values) {
        seen.add(v);
        fill += v == 1 ? 1 : 0;
        cloud += (v & 1 << 3) != 0 ? 1 : 0;
      }
      ArdMetadata m = new ArdMetadataParser().parse(Files.readAllBytes(qa.get(e.id() + ".xml")), "test");
      assertThat(m.productId()).isEqualTo(e.id());
      assertThat(m.cover().fill()).isCloseTo(100.0 * fill / values.length, org.assertj.core.data.Offset.offset(1e-4));
      assertThat(m.cover().cloudCover())
          .isCloseTo(100.0 * cloud / (values.length - fill), org.assertj.core.data.Offset.offset(1e-4));
      assertThat(m.band("QA_PIXEL").orElseThrow().fileName()).isEqualTo(e.id() + "_QA_PIXEL.TIF");
      assertThat(m.band("SR_B4").orElseThrow().scaleFactor().getAsDouble()).isEqualTo(2.75e-05);
    }
    // Landsat 8: 21824 clear, 21952 water, 22280 cloud, 23888 shadow, 30048 snow, 21762 dilated; TM/ETM+ without
    // the cirrus confidence pair (bits 14-15): 5440, 5568, 5896, 7504, 13664, 5378; 1 fill
    assertThat(seen).isSubsetOf(1, 21824, 21952, 22280, 23888, 30048, 21762, 5440, 5568, 5896, 7504, 13664, 5378);
    assertThat(seen).contains(1, 21824, 22280, 5440, 5896);
  }

  @Test
  void bandsAreCloudOptimizedAndEncodedAsC2() throws Exception {
    SceneEntry lc08 = scenes.stream().filter(e -> e.id().sensor() == Sensor.LC08).findFirst().orElseThrow();
    Path b4 = extract(lc08, Bundle.SR).get(lc08.id() + "_SR_B4.TIF");
    try (GdalDataset ds = GdalDataset.openReadOnly(b4.toString())) {
      Dataset d = ds.get();
      assertThat(d.GetMetadataItem("LAYOUT", "IMAGE_STRUCTURE")).isEqualTo("COG");
      Band band = d.GetRasterBand(1);
      assertThat(band.getDataType()).isEqualTo(gdalconstConstants.GDT_UInt16);
      Double[] nodata = new Double[1];
      band.GetNoDataValue(nodata);
      assertThat(nodata[0]).isEqualTo(0.0);
    }
    List<Integer> valid = new ArrayList<>();
    for (int v : pixels(b4)) {
      if (v != 0) {
        valid.add(v);
      }
    }
    // reflectance = dn * 0.0000275 - 0.2 lies in [0, 1] for every non-fill pixel
    assertThat(valid).isNotEmpty().allSatisfy(v -> assertThat(v * 0.0000275 - 0.2).isBetween(-0.01, 1.0));
  }

  private static Map<String, Path> extract(SceneEntry e, Bundle bundle) throws Exception {
    BundleSource b = e.bundles().stream().filter(x -> x.bundle() == bundle).findFirst().orElseThrow();
    return SyntheticTilesTest.extract(Path.of(b.uri()), scratch.resolve(e.id() + "-" + bundle));
  }

  private static int[] pixels(Path tif) {
    try (GdalDataset ds = GdalDataset.openReadOnly(tif.toString())) {
      Dataset d = ds.get();
      int w = d.GetRasterXSize();
      int h = d.GetRasterYSize();
      short[] buf = new short[w * h];
      d.GetRasterBand(1).ReadRaster(0, 0, w, h, gdalconstConstants.GDT_UInt16, buf);
      int[] out = new int[buf.length];
      for (int i = 0; i < buf.length; i++) {
        out[i] = buf[i] & 0xFFFF;
      }
      return out;
    }
  }
}
