package dev.scenelift.source;

import static dev.scenelift.source.SourceFixtures.L7;
import static dev.scenelift.source.SourceFixtures.L8;
import static dev.scenelift.source.SourceFixtures.OTHER_TILE;
import static dev.scenelift.source.SourceFixtures.bundle;
import static dev.scenelift.source.SourceFixtures.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenelift.manifest.BundleSource;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.Tile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderCatalogTest {
  static final Tile H03V03 = Tile.parse("h03v03");

  @TempDir Path dir;
  @TempDir Path data;

  @Test
  void listsTheTilesBundlesWithMd5sFromListAndMd5FilesAndSizesFromFiles() throws Exception {
    String sr = bundle(dir, L8 + "_SR.tar", 10);
    String qa = bundle(dir, L8 + "_QA.tar", 3);
    String bt = bundle(dir, L7 + "_BT.tar.gz", 5);
    Files.writeString(dir.resolve("h03v03.md5_list"), sr + "\t" + L8 + "_SR.tar\n" + qa + "  " + L8 + "_QA.tar\n");
    Files.writeString(dir.resolve(L7 + "_BT.md5"), bt + " " + L7 + "_BT.tar.gz"); // USGS: no trailing newline

    List<SceneEntry> scenes = Catalogs.forSource(dir.toUri().toString(), options(data)).list(H03V03);

    assertThat(scenes).extracting(e -> e.id().toString()).containsExactly(L7, L8); // acquisition order
    SceneEntry l8 = scenes.get(1);
    assertThat(l8.bundles()).extracting(BundleSource::bundle).containsExactly(Bundle.SR, Bundle.QA);
    BundleSource srSource = l8.bundle(Bundle.SR).orElseThrow();
    assertThat(srSource.md5()).contains(sr);
    assertThat(srSource.size()).isEqualTo(Files.size(dir.resolve(L8 + "_SR.tar")));
    assertThat(srSource.uri()).isEqualTo(dir.resolve(L8 + "_SR.tar").toUri());
    assertThat(scenes.get(0).bundle(Bundle.BT).orElseThrow().md5()).contains(bt);
  }

  @Test
  void bundlesWithoutAnyMd5AreListedWithoutOne() throws Exception {
    bundle(dir, L8 + "_TA.tar", 2);
    List<SceneEntry> scenes = Catalogs.forSource(dir.toUri().toString(), options(data)).list(H03V03);
    assertThat(scenes.get(0).bundles()).singleElement().satisfies(b -> assertThat(b.md5()).isEmpty());
  }

  @Test
  void skipsBundlesOfOtherTilesAndUnrelatedFiles() throws Exception {
    bundle(dir, L8 + "_SR.tar", 1);
    bundle(dir, OTHER_TILE + "_SR.tar", 1);
    Files.writeString(dir.resolve("README.txt"), "hello");
    Files.writeString(dir.resolve("notes.tar"), "not a bundle");

    List<SceneEntry> scenes = Catalogs.forSource(dir.toUri().toString(), options(data)).list(H03V03);

    assertThat(scenes).extracting(e -> e.id().toString()).containsExactly(L8);
  }

  @Test
  void prefersThePlainTarWhenABundleIsAlsoThereGzipped() throws Exception {
    bundle(dir, L8 + "_SR.tar", 1);
    bundle(dir, L8 + "_SR.tar.gz", 1);

    List<SceneEntry> scenes = Catalogs.forSource(dir.toUri().toString(), options(data)).list(H03V03);

    assertThat(scenes.get(0).bundles()).singleElement().satisfies(b -> assertThat(b.fileName()).endsWith("_SR.tar"));
  }

  @Test
  void md5ListAndMd5FileDisagreeingIsAnErrorNamingBoth() throws Exception {
    String sr = bundle(dir, L8 + "_SR.tar", 1);
    Files.writeString(dir.resolve("h03v03.md5_list"), sr + "  " + L8 + "_SR.tar\n");
    Files.writeString(dir.resolve(L8 + "_SR.md5"), "0".repeat(32) + " " + L8 + "_SR.tar");

    assertThatThrownBy(() -> Catalogs.forSource(dir.toUri().toString(), options(data)).list(H03V03))
        .isInstanceOf(ConflictingListingException.class)
        .hasMessageContaining(L8 + "_SR.tar")
        .hasMessageContaining("h03v03.md5_list")
        .hasMessageContaining("_SR.md5");
  }

  @Test
  void missingFolderIsSourceUnavailable() {
    Path nowhere = dir.resolve("nope");
    assertThatThrownBy(() -> Catalogs.forSource(nowhere.toUri().toString(), options(data)).list(H03V03))
        .isInstanceOf(SourceUnavailableException.class)
        .hasMessageContaining("nope")
        .hasMessageContaining("no such directory");
  }

  @Test
  void unsupportedSourceIsRejectedNamingIt() {
    assertThatThrownBy(() -> Catalogs.forSource("ftp://host/dir", options(data)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ftp://host/dir");
    assertThatThrownBy(() -> Catalogs.forSource("file:relative/dir", options(data)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("file:relative/dir");
    assertThatThrownBy(() -> Catalogs.forSource("synthetic:0", options(data)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("synthetic:0");
  }
}
