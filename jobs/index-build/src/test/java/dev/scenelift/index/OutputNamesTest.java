package dev.scenelift.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenelift.store.S3Location;
import org.junit.jupiter.api.Test;

class OutputNamesTest {
  private static S3Location loc(String s) {
    return S3Location.parse(s);
  }

  @Test
  void relativeHrefsWalkUpToTheCommonFolder() {
    assertThat(OutputNames.relative(loc("s3://bkt/cog/h03v03/S/item.json"), loc("s3://bkt/cog/catalog.json")))
        .isEqualTo("../../catalog.json");
    assertThat(OutputNames.relative(loc("s3://bkt/cog/h03v03/collection.json"), loc("s3://bkt/cog/h03v03/S/item.json")))
        .isEqualTo("./S/item.json");
    assertThat(OutputNames.relative(loc("s3://bkt/cog/h03v03/S/item.json"), loc("s3://bkt/raw/h03v03/thumbs/t.png")))
        .isEqualTo("../../../raw/h03v03/thumbs/t.png");
  }

  @Test
  void otherBucketsGetAbsoluteUris() {
    assertThat(OutputNames.relative(loc("s3://bkt/cog/x.json"), loc("s3://other/raw/t.png")))
        .isEqualTo("s3://other/raw/t.png");
  }

  @Test
  void ownOutputsAreNotSceneInputs() {
    assertThat(OutputNames.isOwnOutput("cog/h03v03/S/S_stac-item.json")).isTrue();
    assertThat(OutputNames.isOwnOutput("raw/h03v03/S/AAlist.html")).isTrue();
    assertThat(OutputNames.isOwnOutput("raw/h03v03/S/_scenelift/cloud-filter.done.json")).isTrue();
    assertThat(OutputNames.isOwnOutput("raw/h03v03/S/cloud.json")).isFalse();
    assertThat(OutputNames.isOwnOutput("cog/h03v03/S/SR/S_SRB4.tif")).isFalse();
  }
}
