package dev.scenelift.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PublicUrlTest {
  @Test
  void namesAFolderWithOrWithoutTheTrailingSlash() {
    assertThat(PublicUrl.parse("https://b.s3.us-west-2.amazonaws.com/cog").toString())
        .isEqualTo("https://b.s3.us-west-2.amazonaws.com/cog/");
    assertThat(PublicUrl.parse(" http://127.0.0.1:9371/scenelift/cog/ ").resolve("h03v03/collection.json"))
        .isEqualTo("http://127.0.0.1:9371/scenelift/cog/h03v03/collection.json");
    assertThat(PublicUrl.parse("https://example.test").toString()).isEqualTo("https://example.test/");
  }

  @Test
  void rejectsWhatIsNotAnHttpFolderUrl() {
    assertThatThrownBy(() -> PublicUrl.parse("s3://scenelift/cog/")).hasMessageContaining("http");
    assertThatThrownBy(() -> PublicUrl.parse("/cog/")).hasMessageContaining("http");
    assertThatThrownBy(() -> PublicUrl.parse("https://example.test/cog/?x=1")).hasMessageContaining("query");
    assertThatThrownBy(() -> PublicUrl.parse("https:///cog/")).hasMessageContaining("host");
    assertThatThrownBy(() -> PublicUrl.parse("https://example.test/a b")).hasMessageContaining("not a URL");
    assertThatThrownBy(() -> PublicUrl.parse("https://example.test/").resolve("https://other/x"))
        .hasMessageContaining("relative");
  }
}
