package dev.scenelift.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenelift.store.S3Location;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListingPagesTest {
  private static final S3Location RAW = S3Location.parse("s3://scenelift/raw/");
  private static final String SCENE = "h03v03/LC08_CU_003003_20130414_20170713_C01_V01/";
  private static final Instant T = Instant.parse("2017-09-16T15:52:14Z");

  private final ListingPages pages = new ListingPages(new Templates());

  private static ListedObject obj(String rel, long size) {
    return new ListedObject("raw/" + rel, size, T, "etag");
  }

  @Test
  void groupsObjectsBySceneFolderWithATopPageOfFoldersAndTotals() {
    Map<S3Location, String> out =
        pages.render(
            RAW,
            List.of(
                obj(SCENE + "SR/a_SRB4.tif", 2048),
                obj(SCENE + "cloud.json", 100),
                obj("h03v03/thumbs/x.png", 10),
                obj("README.txt", 5)),
            List.of(),
            java.util.Optional.empty());
    assertThat(out.keySet())
        .extracting(S3Location::toString)
        .containsExactlyInAnyOrder(
            "s3://scenelift/raw/AAlist.html",
            "s3://scenelift/raw/" + SCENE + "AAlist.html",
            "s3://scenelift/raw/h03v03/thumbs/AAlist.html");
    String top = out.get(RAW.resolve("AAlist.html"));
    assertThat(top).contains("4 objects, 2.1 KiB (2163 bytes) in 2 folders");
    assertThat(top).contains("href=\"" + SCENE + "AAlist.html\"", "href=\"README.txt\"");
    String scene = out.get(RAW.resolve(SCENE + "AAlist.html"));
    assertThat(scene).contains("href=\"SR/a_SRB4.tif\"", "2.0 KiB", "2017-09-16 15:52:14 UTC");
    assertThat(scene).contains("href=\"../../AAlist.html\"");
  }

  @Test
  void indexBuildsOwnStateIsNotListedSoARerunWritesTheSamePages() {
    List<ListedObject> firstRun = List.of(obj(SCENE + "cloud.json", 100), obj(SCENE + "_scenelift/a.done.json", 2));
    List<ListedObject> rerun = new java.util.ArrayList<>(firstRun);
    rerun.add(obj("h03v03/_scenelift/index-state.json", 40));
    Map<S3Location, String> first = pages.render(RAW, firstRun, List.of(), java.util.Optional.empty());
    Map<S3Location, String> second = pages.render(RAW, rerun, List.of(), java.util.Optional.empty());
    assertThat(second).isEqualTo(first);
    assertThat(first.get(RAW.resolve(SCENE + "AAlist.html"))).contains("href=\"_scenelift/a.done.json\"");
  }

  @Test
  void hostileKeysRenderAsTextAndLinkPercentEncoded() {
    String hostile = "h03v03/odd/<script>alert('x')<script>&\"q\".txt";
    String page =
        pages.render(RAW, List.of(obj(hostile, 1)), List.of(), java.util.Optional.empty()).get(RAW.resolve("h03v03/odd/AAlist.html"));
    assertThat(page).doesNotContain("<script>alert");
    assertThat(page).contains("&lt;script&gt;alert(");
    assertThat(page).contains("href=\"%3Cscript%3Ealert%28%27x%27%29%3C");
  }

  @Test
  void humanSizesAreReadable() {
    assertThat(HumanSize.format(0)).isEqualTo("0 B");
    assertThat(HumanSize.format(1023)).isEqualTo("1023 B");
    assertThat(HumanSize.format(266127360)).isEqualTo("253.8 MiB");
  }
}
