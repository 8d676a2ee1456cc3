package dev.scenelift.scene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenelift.manifest.Md5List;
import dev.scenelift.testing.SharedData;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SceneIdTest {
  @Test
  void parsesCollection1Id() {
    SceneId id = SceneId.parse("LC08_CU_003003_20130414_20170713_C01_V01");
    assertThat(id.sensor()).isEqualTo(Sensor.LC08);
    assertThat(id.tile()).isEqualTo(new Tile(3, 3));
    assertThat(id.acquired()).isEqualTo(LocalDate.of(2013, 4, 14));
    assertThat(id.produced()).isEqualTo(LocalDate.of(2017, 7, 13));
    assertThat(id.collection()).isEqualTo(Collection.C1);
    assertThat(id).hasToString("LC08_CU_003003_20130414_20170713_C01_V01");
  }

  @Test
  void parsesCollection2Id() {
    SceneId id = SceneId.parse("LC09_CU_003003_20210618_20210702_02");
    assertThat(id.sensor()).isEqualTo(Sensor.LC09);
    assertThat(id.collection()).isEqualTo(Collection.C2);
    assertThat(id).hasToString("LC09_CU_003003_20210618_20210702_02");
  }

  @Test
  void everyIdOfTheReal2017ListParsesAndRoundTrips() throws Exception {
    List<Md5List.Entry> entries;
    try (Reader r = Files.newBufferedReader(SharedData.file("h03v03.md5_list"), StandardCharsets.US_ASCII)) {
      entries = Md5List.parse(r, "h03v03.md5_list");
    }
    assertThat(entries).hasSize(9428);
    Set<SceneId> scenes = entries.stream().map(e -> e.name().scene()).collect(Collectors.toSet());
    assertThat(scenes).hasSize(2357);
    assertThat(scenes).allSatisfy(id -> assertThat(SceneId.parse(id.toString())).isEqualTo(id));
    assertThat(scenes).allSatisfy(id -> assertThat(id.tile()).isEqualTo(Tile.parse("h03v03")));
    assertThat(scenes.stream().map(SceneId::sensor).collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(Sensor.LT04, Sensor.LT05, Sensor.LE07, Sensor.LC08);
  }

  @Test
  void malformedIdNamesTheText() {
    assertThatThrownBy(() -> SceneId.parse("LC08_CU_003003_2013041_20170713_C01_V01"))
        .isInstanceOf(InvalidSceneIdException.class)
        .hasMessageContaining("'LC08_CU_003003_2013041_20170713_C01_V01'");
    assertThatThrownBy(() -> SceneId.parse("LC08_CU_003003_20131341_20170713_C01_V01"))
        .hasMessageContaining("LC08_CU_003003_20131341_20170713_C01_V01");
    assertThatThrownBy(() -> SceneId.parse("../../etc/passwd")).isInstanceOf(InvalidSceneIdException.class);
  }

  @Test
  void tileFormsConvert() {
    assertThat(Tile.parse("h03v03").gridCode()).isEqualTo("003003");
    assertThat(Tile.parse("003003")).hasToString("h03v03");
    assertThat(Tile.parse("h14v07")).isEqualTo(new Tile(14, 7));
    assertThat(new Tile(3, 3).upperLeftX()).isEqualTo(-2115585.0);
    assertThat(new Tile(3, 3).upperLeftY()).isEqualTo(2864805.0);
    assertThatThrownBy(() -> Tile.parse("h40v03")).hasMessageContaining("outside");
    assertThatThrownBy(() -> Tile.parse("x")).hasMessageContaining("'x'");
  }

  @Test
  void bundleNamesParse() {
    BundleName n = BundleName.parse("some/dir/LE07_CU_014007_20150223_20170330_C01_V01_QA.tar");
    assertThat(n.bundle()).isEqualTo(Bundle.QA);
    assertThat(n.gzip()).isFalse();
    assertThat(BundleName.parse("LE07_CU_014007_20150223_20170330_C01_V01_SR.tar.gz").gzip()).isTrue();
    assertThatThrownBy(() -> BundleName.parse("LE07_CU_014007_20150223_20170330_C01_V01_XX.tar"))
        .hasMessageContaining("XX");
  }
}
