package dev.scenelift.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import org.junit.jupiter.api.Test;

class KeyLayoutTest {
  private final KeyLayout layout = KeyLayout.inBucket("scenelift");
  private final SceneId id = SceneId.parse("LC08_CU_003003_20130414_20170713_C01_V01");

  @Test
  void rawObjectsFollowTheLayout() {
    assertThat(layout.rawObject(id, Bundle.SR, "LC08_CU_003003_20130414_20170713_C01_V01_SRB4.tif"))
        .hasToString(
            "s3://scenelift/raw/h03v03/LC08_CU_003003_20130414_20170713_C01_V01/SR/"
                + "LC08_CU_003003_20130414_20170713_C01_V01_SRB4.tif");
    assertThat(layout.metadataXml(layout.raw(), id))
        .hasToString(
            "s3://scenelift/raw/h03v03/LC08_CU_003003_20130414_20170713_C01_V01/"
                + "LC08_CU_003003_20130414_20170713_C01_V01.xml");
    assertThat(layout.marker(Stage.FETCH, id).key())
        .isEqualTo("raw/h03v03/LC08_CU_003003_20130414_20170713_C01_V01/_scenelift/fetch-scene.done.json");
    assertThat(layout.marker(Stage.COG, id).key()).startsWith("cog/h03v03/");
    assertThat(layout.manifest("h03v03-20261124t0530-3f2a"))
        .hasToString("s3://scenelift/runs/h03v03-20261124t0530-3f2a/manifest.json");
  }

  @Test
  void refusesEntryNamesThatEscape() {
    assertThatThrownBy(() -> layout.rawObject(id, Bundle.SR, "../x.tif")).hasMessageContaining("plain file name");
    assertThatThrownBy(() -> layout.rawObject(id, Bundle.SR, "a/b.tif")).hasMessageContaining("plain file name");
    assertThatThrownBy(() -> layout.manifest("../x")).hasMessageContaining("invalid run id");
  }

  @Test
  void locationsParseAndResolve() {
    S3Location l = S3Location.parse("s3://bucket-a/some/prefix");
    assertThat(l.resolve("x.json")).hasToString("s3://bucket-a/some/prefix/x.json");
    assertThat(S3Location.parse("s3://bucket-a").key()).isEmpty();
    assertThatThrownBy(() -> S3Location.parse("http://x")).hasMessageContaining("not an s3://");
  }
}
