package dev.scenelift.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.scenelift.eo3.Eo3Consistency;
import dev.scenelift.eo3.Eo3Documents;
import dev.scenelift.eo3.Eo3Schemas;
import dev.scenelift.job.JobEnv;
import dev.scenelift.json.Json;
import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.Collection;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Sensor;
import dev.scenelift.scene.Tile;
import dev.scenelift.stac.StacNodeValidator;
import dev.scenelift.stac.StacSchemas;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Location;
import dev.scenelift.synthetic.SyntheticTiles;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * index-build over Collection 2 scenes as the chain leaves them: the bundles of a synthetic C2 Landsat 8 scene (C2
 * file names, COGs, C2 XML) unpacked into the raw tree, its COGs copied unchanged into the COG tree (what cog-convert
 * does with a valid C2 COG), a clear verdict. The STAC item and eo3 documents name C2's measurements and carry C2's
 * scale and offset, and pass the same validators as Collection 1's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Collection2DocumentsTest {
  private static final Tile TILE = Tile.parse("h03v03");

  private EmbeddedS3Store store;
  private S3Client s3;
  private final KeyLayout layout = KeyLayout.inBucket("scenelift");
  private SceneId scene;
  private IndexBuildRun result;
  @TempDir Path work;

  @BeforeAll
  void indexAC2Scene(@TempDir Path tmp) throws Exception {
    store = EmbeddedS3Store.inMemory();
    s3 = S3ClientFactory.create(store.settings());
    s3.createBucket(b -> b.bucket("scenelift"));
    SyntheticTiles.Folder folder = new SyntheticTiles(tmp, 64, Collection.C2).ensure(TILE, 4);
    scene = folder.scenes().get(3); // the research scene: an LC08 with almost no cloud or fill
    assertThat(scene.sensor()).isEqualTo(Sensor.LC08);
    TileFixture fixture = new TileFixture(s3, layout, tmp);
    for (Bundle bundle : Bundle.of(Collection.C2)) {
      Path tar = folder.dir().resolve(scene + "_" + bundle + ".tar");
      try (InputStream in = Files.newInputStream(tar);
          TarArchiveInputStream t = new TarArchiveInputStream(in)) {
        TarArchiveEntry e;
        while ((e = t.getNextEntry()) != null) {
          byte[] body = t.readAllBytes();
          String name = e.getName();
          if (name.endsWith(".xml")) {
            fixture.metadataXml(scene, body);
            fixture.put(layout.metadataXml(layout.cog(), scene), body, "application/xml");
          } else {
            fixture.put(layout.rawObject(scene, bundle, name), body, "image/tiff");
            String cog = name.substring(0, name.length() - ".TIF".length()) + ".tif";
            fixture.put(layout.cogObject(scene, bundle, cog), body, "image/tiff");
          }
        }
      }
    }
    fixture.verdict(scene, true, 0.5, 3);
    S3Location manifest =
        new ManifestStore(s3)
            .write(new RunManifest("run-1", TILE, "test", Instant.now(), 10, layout,
                List.of(new SceneEntry(scene, List.of())), Map.of()));
    Map<String, String> env = JobEnv.forStore(store.settings());
    env.put(JobEnv.RUN_ID, "run-1");
    env.put(JobEnv.MANIFEST, manifest.toString());
    env.put(JobEnv.WORKERS, "2");
    result = IndexBuildRun.of(env);
    assertThat(result.exit()).as(result.err()).isZero();
  }

  @AfterAll
  void close() throws Exception {
    s3.close();
    store.close();
  }

  private OutputNames names() {
    return new OutputNames(layout, true);
  }

  private byte[] bytes(S3Location loc) {
    return s3.getObjectAsBytes(b -> b.bucket(loc.bucket()).key(loc.key())).asByteArray();
  }

  @Test
  void itemNamesC2AssetsWithC2ScaleOffsetAndNodata() throws Exception {
    JsonNode assets = Json.mapper().readTree(bytes(names().stacItem(scene))).get("assets");
    JsonNode b4 = assets.get("sr_b4");
    assertThat(b4.get("href").asText()).isEqualTo("SR/" + scene + "_SR_B4.tif");
    assertThat(b4.get("eo:bands").get(0).get("name").asText()).isEqualTo("B4");
    assertThat(b4.get("eo:bands").get(0).get("common_name").asText()).isEqualTo("red");
    assertThat(b4.get("roles").toString()).contains("data", "reflectance");
    JsonNode raster = b4.get("raster:bands").get(0);
    assertThat(raster.get("data_type").asText()).isEqualTo("uint16");
    assertThat(raster.get("scale").asDouble()).isEqualTo(0.0000275);
    assertThat(raster.get("offset").asDouble()).isEqualTo(-0.2);
    assertThat(raster.get("nodata").asDouble()).isEqualTo(0);
    JsonNode st = assets.get("st_b10").get("raster:bands").get(0);
    assertThat(st.get("scale").asDouble()).isEqualTo(0.00341802);
    assertThat(st.get("offset").asDouble()).isEqualTo(149.0);
    assertThat(st.get("nodata").asDouble()).isEqualTo(0);
    JsonNode qa = assets.get("qa_pixel");
    assertThat(qa.get("roles").toString()).isEqualTo("[\"metadata\"]");
    assertThat(qa.get("raster:bands").get(0).get("nodata").asDouble()).isEqualTo(1);
    assertThat(qa.get("raster:bands").get(0).has("scale")).isFalse();
    JsonNode aerosol = assets.get("sr_qa_aerosol");
    assertThat(aerosol.get("roles").toString()).as("a QA band of the SR bundle").isEqualTo("[\"metadata\"]");
    assertThat(aerosol.get("raster:bands").get(0).has("scale")).isFalse();
  }

  @Test
  void stacDocumentsPassTheSchemasAndStacNodeValidatorOffline() throws Exception {
    StacSchemas schemas = new StacSchemas();
    for (S3Location doc : List.of(names().stacCatalog(), names().stacCollection(TILE), names().stacItem(scene))) {
      assertThat(schemas.validate(Json.mapper().readTree(bytes(doc)))).as(doc.toString()).isEmpty();
    }
    List<Path> files = StacFiles.copyOut(s3, layout, work.resolve("store"));
    StacNodeValidator.Result r = new StacNodeValidator().validate(files, work);
    assertThat(r.allValid(files.size())).as(r.output()).isTrue();
  }

  @Test
  void eo3ProductAndDatasetDescribeC2MeasurementsAndValidate() throws Exception {
    String productName = Eo3Documents.productName(scene);
    assertThat(productName).isEqualTo("landsat_ard_c2_oli_tirs");
    JsonNode product = new YAMLMapper().readTree(bytes(names().eo3Product(TILE, productName)));
    JsonNode dataset = new YAMLMapper().readTree(bytes(names().eo3Dataset(scene)));
    Eo3Schemas eo3 = new Eo3Schemas();
    assertThat(eo3.validate(Eo3Schemas.Kind.EO3_PRODUCT, product)).isEmpty();
    assertThat(eo3.validate(Eo3Schemas.Kind.DATACUBE_PRODUCT, product)).isEmpty();
    assertThat(eo3.validate(Eo3Schemas.Kind.EO3_DATASET, dataset)).isEmpty();
    assertThat(Eo3Consistency.problems(product, List.of(dataset))).isEmpty();
    List<String> measurements = new ArrayList<>();
    product.get("measurements").forEach(m -> measurements.add(m.get("name").asText()));
    assertThat(measurements).contains("sr_b1", "sr_b7", "qa_pixel", "qa_radsat", "st_b10", "toa_b9", "bt_b11");
    JsonNode b4 = product.get("measurements").get(measurements.indexOf("sr_b4"));
    assertThat(b4.get("scale_factor").asDouble()).isEqualTo(0.0000275);
    assertThat(b4.get("add_offset").asDouble()).isCloseTo(-0.2, within(1e-12));
    assertThat(b4.get("nodata").asInt()).isZero();
    assertThat(b4.get("aliases").toString()).contains("red");
    JsonNode qa = product.get("measurements").get(measurements.indexOf("qa_pixel"));
    assertThat(qa.get("nodata").asInt()).isEqualTo(1);
    assertThat(dataset.get("measurements").get("qa_pixel").get("path").asText())
        .isEqualTo("QA/" + scene + "_QA_PIXEL.tif");
    assertThat(dataset.get("properties").get("landsat:collection_number").asInt()).isEqualTo(2);
  }

  @Test
  void thumbnailsAreDrawnFromTheC2SurfaceReflectanceBands() {
    assertThat(bytes(names().smallThumb(scene))).as(result.err()).isNotEmpty();
    assertThat(bytes(names().largeThumb(scene))).isNotEmpty();
  }
}
