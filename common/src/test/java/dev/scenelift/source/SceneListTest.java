package dev.scenelift.source;

import static dev.scenelift.source.SourceFixtures.L5;
import static dev.scenelift.source.SourceFixtures.L7;
import static dev.scenelift.source.SourceFixtures.L8;
import static dev.scenelift.source.SourceFixtures.OTHER_TILE;
import static dev.scenelift.source.SourceFixtures.bundle;
import static dev.scenelift.source.SourceFixtures.withList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenelift.manifest.MalformedListException;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.Tile;
import dev.scenelift.testing.SharedData;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SceneListTest {
  static final Tile H03V03 = Tile.parse("h03v03");

  @TempDir Path dir;
  @TempDir Path data;

  @Test
  void theWholeRealMd5ListParsesAsASceneList() throws Exception {
    Path real = SharedData.file("h03v03.md5_list");

    List<ListedScene> listed = SceneLists.standard().read(real);
    List<SceneEntry> scenes =
        new SceneAssembler("test")
            .assemble(
                H03V03,
                new SceneListRestriction(real, H03V03, listed).rowsAt(URI.create("https://example.org/h03v03/")));

    assertThat(scenes).hasSize(2357);
    assertThat(scenes).allSatisfy(e -> {
      assertThat(e.bundles()).hasSize(4);
      assertThat(e.bundles()).allSatisfy(b -> assertThat(b.md5()).isPresent());
    });
    assertThat(scenes.get(0).id().acquired()).isBefore(scenes.get(2356).id().acquired());
  }

  @Test
  void plainListRestrictsAFolderIgnoringBlankLinesAndDuplicates() throws Exception {
    bundle(dir, L8 + "_SR.tar", 1);
    bundle(dir, L8 + "_QA.tar", 1);
    bundle(dir, L7 + "_SR.tar", 1);
    bundle(dir, L5 + "_SR.tar", 1);
    Path list = data.resolve("list.txt");
    Files.writeString(list, "\n" + L8 + "\n  \n" + L8 + "\n" + L5 + "_SR.tar\n# a comment\n");

    List<SceneEntry> scenes = Catalogs.forSource(dir.toUri().toString(), withList(data, list)).list(H03V03);

    assertThat(scenes).extracting(e -> e.id().toString()).containsExactly(L5, L8);
    assertThat(scenes.get(1).bundles()).hasSize(2);
  }

  @Test
  void bundleNamesInAListKeepOnlyThoseBundles() throws Exception {
    bundle(dir, L8 + "_SR.tar", 1);
    bundle(dir, L8 + "_QA.tar", 1);
    Path list = data.resolve("list.txt");
    Files.writeString(list, L8 + "_QA.tar\n");

    List<SceneEntry> scenes = Catalogs.forSource(dir.toUri().toString(), withList(data, list)).list(H03V03);

    assertThat(scenes.get(0).bundles()).singleElement().satisfies(b -> assertThat(b.bundle()).isEqualTo(Bundle.QA));
  }

  @Test
  void md5ListAsSceneListLendsItsMd5sAndConflictsAreErrors() throws Exception {
    String sr = bundle(dir, L8 + "_SR.tar", 1);
    Path list = data.resolve("h03v03.md5_list");
    Files.writeString(list, sr + "\t" + L8 + "_SR.tar");

    List<SceneEntry> scenes = Catalogs.forSource(dir.toUri().toString(), withList(data, list)).list(H03V03);
    assertThat(scenes.get(0).bundle(Bundle.SR).orElseThrow().md5()).contains(sr);

    Files.writeString(dir.resolve(L8 + "_SR.md5"), "f".repeat(32) + " " + L8 + "_SR.tar");
    assertThatThrownBy(() -> Catalogs.forSource(dir.toUri().toString(), withList(data, list)).list(H03V03))
        .isInstanceOf(ConflictingListingException.class)
        .hasMessageContaining(list + ":1");
  }

  @Test
  void malformedLineNamesTheFileAndLine() throws Exception {
    Path list = data.resolve("list.txt");
    Files.writeString(list, L8 + "\n\nLC08_CU_003003_2013041_bad\n");

    assertThatThrownBy(() -> Catalogs.forSource(dir.toUri().toString(), withList(data, list)).list(H03V03))
        .isInstanceOf(MalformedListException.class)
        .hasMessageStartingWith(list + ":3:")
        .hasMessageContaining("LC08_CU_003003_2013041_bad");
  }

  @Test
  void malformedMd5LineNamesTheFileAndLine() throws Exception {
    Path list = data.resolve("h03v03.md5_list");
    Files.writeString(list, "a".repeat(32) + "  " + L8 + "_SR.tar\n\n" + "a".repeat(32) + "  garbage.tar\n");

    assertThatThrownBy(() -> Catalogs.forSource(dir.toUri().toString(), withList(data, list)).list(H03V03))
        .isInstanceOf(MalformedListException.class)
        .hasMessageStartingWith(list + ":3:");
  }

  @Test
  void unrecognisedFormatIsAnErrorNamingTheFirstLine() throws Exception {
    Path list = data.resolve("list.txt");
    Files.writeString(list, "\n\nhello world\n");

    assertThatThrownBy(() -> Catalogs.forSource(dir.toUri().toString(), withList(data, list)).list(H03V03))
        .isInstanceOf(MalformedListException.class)
        .hasMessageStartingWith(list + ":3:")
        .hasMessageContaining("unrecognised");
  }

  @Test
  void sceneOfAnotherTileIsAnErrorNamingTheSceneAndBothTiles() throws Exception {
    Path list = data.resolve("list.txt");
    Files.writeString(list, L8 + "\n" + OTHER_TILE + "\n");

    assertThatThrownBy(() -> Catalogs.forSource(dir.toUri().toString(), withList(data, list)).list(H03V03))
        .isInstanceOf(MalformedListException.class)
        .hasMessageStartingWith(list + ":2:")
        .hasMessageContaining(OTHER_TILE)
        .hasMessageContaining("h04v03")
        .hasMessageContaining("h03v03");
  }

  @Test
  void missingSceneListFileIsAnError() {
    Path list = data.resolve("absent.txt");
    assertThatThrownBy(() -> Catalogs.forSource(dir.toUri().toString(), withList(data, list)).list(H03V03))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("absent.txt");
  }
}
