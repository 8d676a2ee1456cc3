package dev.scenelift.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.scenelift.json.Json;
import dev.scenelift.scene.Collection;
import dev.scenelift.scene.SceneId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What a finished Collection 2 run leaves in the COG research set of h03v03 on the embedded store, however its scenes
 * were fetched (tars or single files): the COGs copied from raw/ unchanged, the STAC item with the C2 scale and offset,
 * the ODC product.
 */
final class C2ResearchSet {
  private C2ResearchSet() {}

  /** The one scene in {@code cog/h03v03/} of the store's bucket folder. */
  static SceneId scene(Path store) throws Exception {
    try (Stream<Path> dirs = Files.list(store.resolve("cog/h03v03"))) {
      SceneId research = SceneId.parse(dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("L")).findFirst().orElseThrow());
      assertThat(research.collection()).isEqualTo(Collection.C2);
      return research;
    }
  }

  /** Its 23 bands are copies of the raw files, not re-encoded; its STAC item and the ODC product are C2's. */
  static void assertCopiedWithC2Documents(Path store, SceneId research) throws Exception {
    Path cog = store.resolve("cog/h03v03/" + research);
    Path raw = store.resolve("raw/h03v03/" + research);
    JsonNode marker = Json.mapper().readTree(cog.resolve("_scenelift/cog-convert.done.json").toFile());
    int bands = marker.get("details").get("bands").asInt();
    assertThat(bands).isEqualTo(23);
    assertThat(marker.get("details").get("copied").asInt()).as("every C2 band is already a COG").isEqualTo(bands);
    assertThat(Files.readAllBytes(cog.resolve("SR/" + research + "_SR_B4.tif")))
        .isEqualTo(Files.readAllBytes(raw.resolve("SR/" + research + "_SR_B4.TIF")));

    JsonNode item = Json.mapper().readTree(cog.resolve(research + "_stac-item.json").toFile());
    JsonNode b4 = item.get("assets").get("sr_b4").get("raster:bands").get(0);
    assertThat(b4.get("scale").asDouble()).isEqualTo(0.0000275);
    assertThat(b4.get("offset").asDouble()).isEqualTo(-0.2);
    JsonNode product =
        new YAMLMapper().readTree(store.resolve("cog/h03v03/landsat_ard_c2_oli_tirs.odc-product.yaml").toFile());
    assertThat(product.get("measurements").toString()).contains("\"sr_b4\"", "\"qa_pixel\"", "\"st_b10\"");
  }
}
