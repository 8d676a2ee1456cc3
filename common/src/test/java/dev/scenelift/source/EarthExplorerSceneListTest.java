package dev.scenelift.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenelift.catalog.EarthExplorerCsvReader;
import dev.scenelift.manifest.MalformedListException;
import dev.scenelift.scene.Tile;
import dev.scenelift.testing.SharedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarthExplorerSceneListTest {
  @TempDir Path dir;

  @Test
  void theRealEarthExplorerExportReadsAsASceneListOfEveryRow() throws Exception {
    Path csv = SharedData.file("h03v03-earthexplorer-metadata.csv");

    List<ListedScene> listed = SceneLists.standard().read(csv);

    assertThat(listed)
        .extracting(ListedScene::scene)
        .containsExactlyElementsOf(new EarthExplorerCsvReader().sceneIds(csv));
    assertThat(listed).hasSizeGreaterThan(2000);
    assertThat(listed).allSatisfy(l -> assertThat(l.scene().tile()).isEqualTo(Tile.parse("h03v03")));
    assertThat(listed).allSatisfy(l -> assertThat(l.bundle()).isEmpty());
    assertThat(listed.get(0).line()).isEqualTo(2);
  }

  @Test
  void anExportWithoutTheCloudCoverColumnIsAMalformedListNamingTheFile() throws Exception {
    Path csv = dir.resolve("export.csv");
    Files.writeString(
        csv, "Tile Identifier,Acquisition Date\nLC08_CU_003003_20130414_20170713_C01_V01,2013/04/14\n",
        StandardCharsets.ISO_8859_1);

    assertThatThrownBy(() -> SceneLists.standard().read(csv))
        .isInstanceOf(MalformedListException.class)
        .hasMessageContaining("export.csv");
  }
}
