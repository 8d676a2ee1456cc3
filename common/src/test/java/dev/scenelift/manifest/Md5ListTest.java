package dev.scenelift.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenelift.scene.Bundle;
import dev.scenelift.testing.SharedData;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class Md5ListTest {
  @Test
  void readsSingleMd5FileWithoutTrailingNewline() throws Exception {
    String text = Files.readString(SharedData.file("ard-samples/LE07_CU_014007_20150223_20170330_C01_V01_QA.md5"));
    List<Md5List.Entry> entries = Md5List.parse(new StringReader(text), "QA.md5");
    assertThat(entries).singleElement().satisfies(e -> {
      assertThat(e.md5()).isEqualTo("829d66729ec1651713ffb092795bb46e");
      assertThat(e.name().bundle()).isEqualTo(Bundle.QA);
    });
  }

  @Test
  void skipsBlankLinesAndNamesTheBadLine() throws Exception {
    String ok = "\n" + "c35ba1d979cf6f0dc943e3fd0abd8d4c\tLC08_CU_003003_20130414_20170713_C01_V01_BT.tar\n\n";
    assertThat(Md5List.parse(new StringReader(ok), "x")).hasSize(1);
    String bad = ok + "nothex  LC08_CU_003003_20130414_20170713_C01_V01_QA.tar\n";
    assertThatThrownBy(() -> Md5List.parse(new StringReader(bad), "list.md5"))
        .isInstanceOf(MalformedListException.class)
        .hasMessageStartingWith("list.md5:4:");
  }
}
