package dev.scenelift.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenelift.scene.SceneId;
import dev.scenelift.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarthExplorerCsvReaderTest {
  private static final Path EXPORT = SharedData.file("h03v03-earthexplorer-metadata.csv");
  private final EarthExplorerCsvReader reader = new EarthExplorerCsvReader();

  @Test
  void readsEveryRowOfTheRealIso88591Export() throws Exception {
    List<EarthExplorerRow> rows = reader.read(EXPORT);
    assertThat(rows).hasSize(2481);
    EarthExplorerRow first = rows.get(0);
    assertThat(first.scene()).isEqualTo(SceneId.parse("LC08_CU_003003_20180903_20180917_C01_V01"));
    assertThat(first.cloudCover()).isEqualTo(16.274);
    assertThat(first.cloudShadow()).hasValue(2.9874);
    assertThat(first.snowIce()).hasValue(0.0174);
    assertThat(first.fill()).hasValue(1.2645);
    assertThat(first.column("UL Corner Lat")).contains("44°41'17.09\"N");
    assertThat(first.column("UL Corner Long")).contains("121°16'45.91\"W");
    assertThat(first.column("Sensor Identifier")).contains("OLI/TIRS");
    assertThat(first.line()).isEqualTo(2);
    EarthExplorerRow r1000 = rows.get(1000);
    assertThat(r1000.scene()).isEqualTo(SceneId.parse("LE07_CU_003003_20080805_20170923_C01_V01"));
    assertThat(r1000.cloudCover()).isEqualTo(0.179);
    assertThat(r1000.fill()).hasValue(82.8975);
    EarthExplorerRow last = rows.get(2480);
    assertThat(last.scene()).isEqualTo(SceneId.parse("LT04_CU_003003_19821120_20170912_C01_V01"));
    assertThat(last.cloudCover()).isEqualTo(78.1007);
    assertThat(last.fill()).hasValue(79.0737);
    assertThat(rows.stream().filter(r -> r.cloudCover() <= 10).count()).isEqualTo(669);
    assertThat(rows).allSatisfy(r -> assertThat(r.scene().tile().toString()).isEqualTo("h03v03"));
  }

  @Test
  void readsAUtf8CopyTheSame(@TempDir Path dir) throws Exception {
    String text = new String(Files.readAllBytes(EXPORT), StandardCharsets.ISO_8859_1);
    Path utf8 = dir.resolve("utf8.csv");
    Files.writeString(utf8, text, StandardCharsets.UTF_8);
    assertThat(reader.read(utf8)).isEqualTo(reader.read(EXPORT).stream().toList());
  }

  @Test
  void headerDecidesColumnOrder(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("reordered.csv");
    Files.writeString(
        f,
        "Cloud Cover,Browse Link,Tile Identifier\n"
            + "3.5,x,LC08_CU_003003_20130414_20170713_C01_V01\n",
        StandardCharsets.ISO_8859_1);
    List<EarthExplorerRow> rows = reader.read(f);
    assertThat(rows).singleElement().satisfies(r -> {
      assertThat(r.cloudCover()).isEqualTo(3.5);
      assertThat(r.fill()).isEmpty();
    });
  }

  @Test
  void missingColumnOrBadValueIsOneClearError(@TempDir Path dir) throws Exception {
    Path noCloud = dir.resolve("no-cloud.csv");
    Files.writeString(noCloud, "Tile Identifier,Fill (No Data)\nLC08_CU_003003_20130414_20170713_C01_V01,3\n");
    assertThatThrownBy(() -> reader.read(noCloud))
        .isInstanceOf(MalformedCatalogException.class)
        .hasMessageStartingWith("no-cloud.csv: the header has no 'Cloud Cover' column");
    Path bad = dir.resolve("bad.csv");
    Files.writeString(
        bad,
        "Tile Identifier,Cloud Cover\nLC08_CU_003003_20130414_20170713_C01_V01,3\n"
            + "LC08_CU_003003_20130430_20170713_C01_V01,cloudy\n");
    assertThatThrownBy(() -> reader.read(bad))
        .isInstanceOf(MalformedCatalogException.class)
        .hasMessage(
            "bad.csv line 3 (LC08_CU_003003_20130430_20170713_C01_V01): column 'Cloud Cover' is not a number:"
                + " 'cloudy'");
  }

  @Test
  void yieldsSceneIdsAndCatalogCloudsForASceneList() throws Exception {
    List<SceneId> ids = reader.sceneIds(EXPORT);
    assertThat(ids).hasSize(2481).doesNotHaveDuplicates();
    Map<SceneId, CatalogCloud> clouds = reader.catalogClouds(EXPORT);
    CatalogCloud c = clouds.get(SceneId.parse("LC08_CU_003003_20180827_20180917_C01_V01"));
    assertThat(c.cloudCover()).isEqualTo(71.435);
    assertThat(c.fill()).hasValue(63.6246);
    assertThat(c.source()).isEqualTo("earthexplorer-csv:h03v03-earthexplorer-metadata.csv");
  }
}
