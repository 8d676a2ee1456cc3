package dev.scenelift.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.scenelift.job.JobEnv;
import dev.scenelift.json.Json;
import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.metadata.ArdMetadata;
import dev.scenelift.metadata.ArdMetadataParser;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import dev.scenelift.stac.StacDocuments;
import dev.scenelift.stac.StacSchemas;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Location;
import dev.scenelift.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Items and eo3 documents of scenes whose real USGS metadata XML (ard-samples) sits in the store: tile h03v07 with the
 * sample scene itself, a scene that was given another scene's XML, and one whose XML is broken.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArdMetadataItemsTest {
  static final Tile TILE = Tile.parse("h03v07");
  static final SceneId WITH_XML = SceneId.parse("LC08_CU_003007_20191010_20191020_C01_V01");
  static final SceneId OTHERS_XML = SceneId.parse("LC08_CU_003007_20190917_20190930_C01_V01");
  static final SceneId BROKEN_XML = SceneId.parse("LC08_CU_003007_20190816_20190905_C01_V01");
  /** Its XML exists only as cog-convert's copy next to the COGs. */
  static final SceneId XML_NEXT_TO_COGS = SceneId.parse("LC08_CU_003007_20190731_20190822_C01_V01");
  /** Solar azimuth 150.25 deg and zenith 53.5 deg, scaled as the XML declares (scale_factor 0.01). */
  static final int AZIMUTH = 15025;

  static final int ZENITH = 5350;
  static final int ANGLE_FILL = -32768;

  private EmbeddedS3Store store;
  private S3Client s3;
  private final KeyLayout layout = KeyLayout.inBucket("scenelift");
  private final StacSchemas schemas = new StacSchemas();
  private ArdMetadata sample;
  private String err = "";

  @BeforeAll
  void index(@TempDir Path tmp) throws Exception {
    Path xml = SharedData.file("ard-samples/" + WITH_XML + ".xml");
    sample = new ArdMetadataParser().parse(xml);
    store = EmbeddedS3Store.inMemory();
    s3 = S3ClientFactory.create(store.settings());
    s3.createBucket(b -> b.bucket("scenelift"));
    TileFixture fixture = new TileFixture(s3, layout, tmp, TILE);
    IntBinaryOperator red = (x, y) -> 100 + x;
    for (SceneId id : List.of(WITH_XML, OTHERS_XML, BROKEN_XML, XML_NEXT_TO_COGS)) {
      fixture.scene(id, Map.of("B4", red), true);
    }
    // most of each angle band is fill (the XML's fill_value, which the rasters themselves do not declare): unmasked,
    // the fill would be the median
    IntBinaryOperator swath = (x, y) -> x < 150 ? ANGLE_FILL : 0;
    fixture.cogBand(WITH_XML, Bundle.TA, "SOA4", (x, y) -> swath.applyAsInt(x, y) == 0 ? AZIMUTH : ANGLE_FILL);
    fixture.cogBand(WITH_XML, Bundle.TA, "SOZ4", (x, y) -> swath.applyAsInt(x, y) == 0 ? ZENITH : ANGLE_FILL);
    fixture.metadataXml(WITH_XML, Files.readAllBytes(xml));
    fixture.metadataXml(
        OTHERS_XML, Files.readAllBytes(SharedData.file("ard-samples/LC08_CU_003007_20190731_20190822_C01_V01.xml")));
    fixture.metadataXml(BROKEN_XML, "<ard_metadata/>".getBytes(StandardCharsets.UTF_8));
    fixture.put(
        layout.metadataXml(layout.cog(), XML_NEXT_TO_COGS),
        Files.readAllBytes(SharedData.file("ard-samples/" + XML_NEXT_TO_COGS + ".xml")),
        "application/xml");
    fixture.verdict(WITH_XML, true, 0.03, 25.44);
    S3Location manifest =
        new ManifestStore(s3)
            .write(
                new RunManifest(
                    "run-xml",
                    TILE,
                    "test",
                    Instant.now(),
                    10,
                    layout,
                    List.of(
                        new SceneEntry(WITH_XML, List.of()),
                        new SceneEntry(OTHERS_XML, List.of()),
                        new SceneEntry(BROKEN_XML, List.of()),
                        new SceneEntry(XML_NEXT_TO_COGS, List.of())),
                    Map.of()));
    Map<String, String> env = new HashMap<>();
    env.put(JobEnv.RUN_ID, "run-xml");
    env.put(JobEnv.MANIFEST, manifest.toString());
    env.put(JobEnv.S3_ENDPOINT, store.endpoint().toString());
    env.put(JobEnv.S3_ACCESS_KEY_ID, EmbeddedS3Store.ACCESS_KEY);
    env.put(JobEnv.S3_SECRET_ACCESS_KEY, EmbeddedS3Store.SECRET_KEY);
    env.put(JobEnv.WORKERS, "2");
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    int code =
        new IndexBuildEntryPoint()
            .run(
                List.of(),
                env,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    err = errBytes.toString(StandardCharsets.UTF_8);
    assertThat(code).as(err).isZero(); // unusable XML is a warning, not a failed scene
  }

  @AfterAll
  void close() throws Exception {
    s3.close();
    store.close();
  }

  private JsonNode item(SceneId id) throws Exception {
    S3Location loc = new OutputNames(layout).stacItem(id);
    return Json.mapper().readTree(s3.getObjectAsBytes(b -> b.bucket(loc.bucket()).key(loc.key())).asByteArray());
  }

  private JsonNode eo3(SceneId id) throws Exception {
    S3Location loc = new OutputNames(layout).eo3Dataset(id);
    return new YAMLMapper().readTree(s3.getObjectAsBytes(b -> b.bucket(loc.bucket()).key(loc.key())).asByteArray());
  }

  @Test
  void itemDescribedFromTheXmlValidatesIncludingTheViewExtension() throws Exception {
    JsonNode item = item(WITH_XML);
    assertThat(schemas.schemasOf(item)).contains(StacDocuments.VIEW);
    assertThat(schemas.validate(item)).isEmpty();
    assertThat(item.get("properties").get("scenelift:metadata_source").asText()).isEqualTo("ard-xml");
  }

  @Test
  void itemDatetimeIsTheAcquisitionTheXmlStates() throws Exception {
    JsonNode p = item(WITH_XML).get("properties");
    assertThat(p.get("datetime").isNull()).isFalse();
    assertThat(Instant.parse(p.get("datetime").asText()))
        .isEqualTo(Instant.parse("2019-10-10T18:45:16.041878Z"));
    assertThat(p.get("start_datetime").asText()).isEqualTo("2019-10-10T00:00:00Z");
    assertThat(p.get("end_datetime").asText()).isEqualTo("2019-10-10T23:59:59Z");
  }

  @Test
  void sunAnglesComeFromTheSolarAngleBandsScaledAndMaskedAsTheXmlDeclares() throws Exception {
    assertThat(sample.band("SOA4").orElseThrow().scaleFactor().getAsDouble()).isEqualTo(0.01);
    assertThat(sample.band("SOZ4").orElseThrow().fillValue()).contains(Integer.toString(ANGLE_FILL));
    JsonNode p = item(WITH_XML).get("properties");
    assertThat(p.get("view:sun_azimuth").asDouble()).isEqualTo(150.25);
    assertThat(p.get("view:sun_elevation").asDouble()).isEqualTo(36.5);
  }

  @Test
  void bandScaleAndNodataComeFromTheXmlWhereTheRasterStatesNone() throws Exception {
    JsonNode assets = item(WITH_XML).get("assets");
    JsonNode azimuth = assets.get("soa4").get("raster:bands").get(0);
    assertThat(azimuth.get("nodata").asDouble()).as("XML fill_value").isEqualTo(ANGLE_FILL);
    assertThat(azimuth.get("scale").asDouble()).as("XML scale_factor, not TA's 0.0001").isEqualTo(0.01);
    JsonNode red = assets.get("srb4").get("raster:bands").get(0);
    assertThat(red.get("nodata").asDouble()).as("the raster's own nodata").isEqualTo(TileFixture.NODATA);
    assertThat(red.get("scale").asDouble()).isEqualTo(sample.band("SRB4").orElseThrow().scaleFactor().getAsDouble());
  }

  @Test
  void cloudCoverAndFillStillComeFromCloudJson() throws Exception {
    JsonNode p = item(WITH_XML).get("properties");
    assertThat(p.get("eo:cloud_cover").asDouble()).isEqualTo(0.03).isNotEqualTo(sample.cover().cloudCover());
    assertThat(p.get("scenelift:fill_percent").asDouble()).isEqualTo(25.44);
  }

  @Test
  void eo3DatasetTakesDatetimeAndSunAnglesFromTheXml() throws Exception {
    JsonNode p = eo3(WITH_XML).get("properties");
    assertThat(Instant.parse(p.get("datetime").asText())).isEqualTo(Instant.parse("2019-10-10T18:45:16.041878Z"));
    assertThat(p.get("eo:sun_azimuth").asDouble()).isCloseTo(150.25, offset(1e-9));
    assertThat(p.get("eo:sun_elevation").asDouble()).isCloseTo(36.5, offset(1e-9));
    assertThat(p.get("scenelift:metadata_source").asText()).isEqualTo("ard-xml");
  }

  @Test
  void eo3DocumentsOfScenesDescribedFromTheXmlValidateAndTheProductHoldsWhatEveryDatasetHas() throws Exception {
    dev.scenelift.eo3.Eo3Schemas eo3Schemas = new dev.scenelift.eo3.Eo3Schemas();
    S3Location productLoc = new OutputNames(layout).eo3Product(TILE, "landsat_ard_c1_oli_tirs");
    JsonNode product =
        new YAMLMapper().readTree(s3.getObjectAsBytes(b -> b.bucket("scenelift").key(productLoc.key())).asByteArray());
    assertThat(eo3Schemas.validate(dev.scenelift.eo3.Eo3Schemas.Kind.EO3_PRODUCT, product)).isEmpty();
    assertThat(eo3Schemas.validate(dev.scenelift.eo3.Eo3Schemas.Kind.DATACUBE_PRODUCT, product)).isEmpty();
    List<JsonNode> datasets = new java.util.ArrayList<>();
    for (SceneId id : List.of(WITH_XML, OTHERS_XML, BROKEN_XML, XML_NEXT_TO_COGS)) {
      JsonNode d = eo3(id);
      assertThat(eo3Schemas.validate(dev.scenelift.eo3.Eo3Schemas.Kind.EO3_DATASET, d)).as(id.toString()).isEmpty();
      datasets.add(d);
    }
    assertThat(dev.scenelift.eo3.Eo3Consistency.problems(product, datasets)).isEmpty();
    // only the sample scene has angle bands: the product names what all four have, the sample's dataset holds more
    assertThat(product.get("measurements")).extracting(m -> m.get("name").asText()).containsExactly("srb4");
    assertThat(eo3(WITH_XML).get("measurements").has("soa4")).isTrue();
  }

  @Test
  void xmlCopyNextToTheCogsIsUsedWhenTheRawTreeHasNone() throws Exception {
    JsonNode item = item(XML_NEXT_TO_COGS);
    JsonNode p = item.get("properties");
    assertThat(p.get("scenelift:metadata_source").asText()).isEqualTo("ard-xml");
    assertThat(Instant.parse(p.get("datetime").asText())).isEqualTo(Instant.parse("2019-07-31T18:38:45.260327Z"));
    assertThat(p.has("view:sun_azimuth")).as("no angle bands, no view fields").isFalse();
    assertThat(schemas.schemasOf(item)).doesNotContain(StacDocuments.VIEW);
    assertThat(schemas.validate(item)).isEmpty();
  }

  @Test
  void xmlOfAnotherSceneIsNotUsedAndTheItemSaysWhy() throws Exception {
    JsonNode item = item(OTHERS_XML);
    JsonNode p = item.get("properties");
    assertThat(p.get("datetime").isNull()).isTrue();
    assertThat(p.has("view:sun_azimuth")).isFalse();
    assertThat(p.get("scenelift:metadata_source").asText())
        .startsWith("rasters only: metadata XML unreadable")
        .contains("LC08_CU_003007_20190731_20190822_C01_V01");
    assertThat(schemas.validate(item)).isEmpty();
  }

  @Test
  void brokenXmlFallsBackToTheRastersAndTheItemNamesTheMissingField() throws Exception {
    JsonNode item = item(BROKEN_XML);
    JsonNode p = item.get("properties");
    assertThat(p.get("datetime").isNull()).isTrue();
    assertThat(p.get("scenelift:metadata_source").asText())
        .startsWith("rasters only: metadata XML unreadable")
        .contains("tile_metadata");
    assertThat(item.get("assets").get("srb4").get("raster:bands").get(0).get("data_type").asText()).isEqualTo("int16");
    assertThat(schemas.validate(item)).isEmpty();
    assertThat(eo3(BROKEN_XML).get("properties").get("datetime").asText()).isEqualTo("2019-08-16T00:00:00Z");
  }

  @Test
  void unusableXmlIsReportedAsOneWarningLinePerSceneAndTheRunStillSucceeds() {
    assertThat(err.lines().filter(l -> l.contains("warning"))).hasSize(2);
    assertThat(err.lines())
        .anySatisfy(l -> assertThat(l).startsWith("index-build: " + BROKEN_XML + ": warning: ").contains("tile_metadata"))
        .anySatisfy(l -> assertThat(l).startsWith("index-build: " + OTHERS_XML + ": warning: "));
  }
}
