package dev.scenelift.index;

import static dev.scenelift.index.IndexedTile.L8;
import static dev.scenelift.index.IndexedTile.TILE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.scenelift.eo3.Eo3Consistency;
import dev.scenelift.eo3.Eo3Documents;
import dev.scenelift.eo3.Eo3Schemas;
import dev.scenelift.json.Json;
import dev.scenelift.stac.StacNodeValidator;
import dev.scenelift.stac.StacSchemas;
import dev.scenelift.store.S3Location;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogDocumentsTest {
  private IndexedTile tile;
  private final StacSchemas schemas = new StacSchemas();
  private final StacNodeValidator stacNodeValidator = new StacNodeValidator();
  private final Eo3Schemas eo3Schemas = new Eo3Schemas();
  @TempDir Path work;

  @BeforeAll
  void index(@TempDir Path tmp) throws Exception {
    tile = new IndexedTile(tmp);
    assertThat(tile.run()).as(tile.lastErr).isZero();
  }

  @AfterAll
  void close() throws Exception {
    tile.close();
  }

  private JsonNode json(S3Location loc) throws Exception {
    return Json.mapper().readTree(tile.bytes(loc));
  }

  private JsonNode yaml(S3Location loc) throws Exception {
    return new YAMLMapper().readTree(tile.bytes(loc));
  }

  @Test
  void catalogCollectionAndItemValidateAgainstTheOfficialSchemasOffline() throws Exception {
    OutputNames n = tile.names();
    for (S3Location doc : List.of(n.stacCatalog(), n.stacCollection(TILE), n.stacItem(L8))) {
      assertThat(schemas.validate(json(doc))).as(doc.toString()).isEmpty();
    }
    assertThat(schemas.schemasOf(json(n.stacItem(L8))))
        .contains(
            "https://stac-extensions.github.io/eo/v1.1.0/schema.json",
            "https://stac-extensions.github.io/projection/v1.1.0/schema.json",
            "https://stac-extensions.github.io/raster/v1.1.0/schema.json");
  }

  @Test
  void everyStacDocumentPassesStacNodeValidatorOffline() throws Exception {
    List<Path> files = StacFiles.copyOut(tile.s3, tile.layout, work.resolve("store"));
    assertThat(files).hasSize(3);
    StacNodeValidator.Result r = stacNodeValidator.validate(files, work);
    assertThat(r.allValid(files.size())).as(r.output()).isTrue();
  }

  @Test
  void stacNodeValidatorFailsBrokenDocumentsAndSchemasItCannotFindOffline() throws Exception {
    ObjectNode item = (ObjectNode) json(tile.names().stacItem(L8));
    ObjectNode badCloud = item.deepCopy();
    ((ObjectNode) badCloud.get("properties")).put("eo:cloud_cover", 150);
    ObjectNode noId = item.deepCopy();
    noId.remove("id");
    ObjectNode notOffline = item.deepCopy();
    ((com.fasterxml.jackson.databind.node.ArrayNode) notOffline.get("stac_extensions"))
        .add("https://stac-extensions.github.io/sat/v1.0.0/schema.json");
    ObjectNode collection = (ObjectNode) json(tile.names().stacCollection(TILE));
    collection.remove("extent");
    List<Path> broken = new ArrayList<>();
    for (Map.Entry<String, ObjectNode> e :
        Map.of("cloud", badCloud, "id", noId, "offline", notOffline, "extent", collection).entrySet()) {
      broken.add(java.nio.file.Files.write(work.resolve(e.getKey() + ".json"), Json.writeBytes(e.getValue())));
    }
    StacNodeValidator.Result r = stacNodeValidator.validate(broken, work);
    assertThat(r.exit()).as(r.output()).isEqualTo(1);
    assertThat(r.files()).isEqualTo(4);
    assertThat(r.valid()).as(r.output()).isZero();
    assertThat(r.output())
        .contains("must be <= 100")
        .contains("must have required property 'id'")
        .contains("must have required property 'extent'")
        .contains("https://stac-extensions.github.io/sat/v1.0.0/schema.json' not found");
  }

  @Test
  void validatorRejectsAnItemThatBreaksAnExtension() throws Exception {
    ObjectNode item = (ObjectNode) json(tile.names().stacItem(L8));
    ((ObjectNode) item.get("properties")).put("eo:cloud_cover", 150);
    ((ObjectNode) item.get("properties")).put("proj:epsg", "none");
    assertThat(schemas.validate(item)).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void itemDescribesTheCogsProjectionCloudAndFootprint() throws Exception {
    JsonNode item = json(tile.names().stacItem(L8));
    JsonNode p = item.get("properties");
    assertThat(p.get("proj:epsg").isNull()).isTrue();
    assertThat(p.get("proj:wkt2").asText()).contains("Albers");
    assertThat(p.get("proj:shape").toString()).isEqualTo("[250,250]");
    assertThat(p.get("eo:cloud_cover").asDouble()).isEqualTo(0.5);
    assertThat(p.get("scenelift:fill_percent").asDouble()).isEqualTo(3.0);
    assertThat(p.get("start_datetime").asText()).isEqualTo("2013-04-14T00:00:00Z");
    assertThat(p.get("platform").asText()).isEqualTo("landsat-8");
    JsonNode red = item.get("assets").get("srb4");
    assertThat(red.get("type").asText()).isEqualTo("image/tiff; application=geotiff; profile=cloud-optimized");
    assertThat(red.get("href").asText()).isEqualTo("SR/" + L8 + "_SRB4.tif");
    assertThat(red.get("eo:bands").get(0).get("common_name").asText()).isEqualTo("red");
    assertThat(red.get("raster:bands").get(0).get("data_type").asText()).isEqualTo("int16");
    assertThat(red.get("raster:bands").get(0).get("nodata").asDouble()).isEqualTo(-9999);
    assertThat(red.get("raster:bands").get(0).get("scale").asDouble()).as("C1 SR published scale").isEqualTo(0.0001);
    assertThat(item.get("assets").get("thumbnail").get("href").asText())
        .isEqualTo("../../../raw/h03v03/thumbs/" + L8 + "_thumb_small.png");
    // corners as gdaltransform (PROJ) gives them for ARD Albers -> WGS84
    JsonNode bbox = item.get("bbox");
    assertThat(bbox.get(0).asDouble()).isCloseTo(-123.6529599, org.assertj.core.data.Offset.offset(1e-5));
    assertThat(bbox.get(1).asDouble()).isCloseTo(44.6880805, org.assertj.core.data.Offset.offset(1e-5));
    assertThat(bbox.get(2).asDouble()).isCloseTo(-121.2794184, org.assertj.core.data.Offset.offset(1e-5));
    assertThat(bbox.get(3).asDouble()).isCloseTo(46.3567933, org.assertj.core.data.Offset.offset(1e-5));
    JsonNode upperLeft = item.get("geometry").get("coordinates").get(0).get(0);
    assertThat(upperLeft.get(0).asDouble()).isCloseTo(-123.6529599, org.assertj.core.data.Offset.offset(1e-5));
    assertThat(upperLeft.get(1).asDouble()).isCloseTo(45.9815823, org.assertj.core.data.Offset.offset(1e-5));
    assertThat(item.get("geometry").get("coordinates").get(0).size()).isEqualTo(41);
  }

  @Test
  void itemWithoutMetadataXmlIsDescribedFromTheRastersAndSaysSo() throws Exception {
    JsonNode item = json(tile.names().stacItem(L8));
    JsonNode p = item.get("properties");
    assertThat(p.get("scenelift:metadata_source").asText()).isEqualTo("rasters only: no metadata XML");
    assertThat(p.get("datetime").isNull()).isTrue();
    assertThat(p.get("end_datetime").asText()).isEqualTo("2013-04-14T23:59:59Z");
    assertThat(p.has("view:sun_azimuth")).isFalse();
    assertThat(schemas.schemasOf(item)).doesNotContain(dev.scenelift.stac.StacDocuments.VIEW);
    JsonNode eo3 = yaml(tile.names().eo3Dataset(L8)).get("properties");
    assertThat(eo3.get("datetime").asText()).isEqualTo("2013-04-14T00:00:00Z");
    assertThat(eo3.get("scenelift:metadata_source").asText()).isEqualTo("rasters only: no metadata XML");
  }

  @Test
  void everyRelativeLinkAndAssetOfTheCatalogPointsAtAnObject() throws Exception {
    OutputNames n = tile.names();
    List<String> broken = new ArrayList<>();
    for (S3Location doc : List.of(n.stacCatalog(), n.stacCollection(TILE), n.stacItem(L8))) {
      JsonNode d = json(doc);
      List<String> hrefs = new ArrayList<>();
      d.path("links").forEach(l -> hrefs.add(l.get("href").asText()));
      d.path("assets").forEach(a -> hrefs.add(a.get("href").asText()));
      for (String href : hrefs) {
        if (href.startsWith("http")) {
          continue;
        }
        S3Location target = resolve(doc, href);
        if (!tile.exists(target)) {
          broken.add(doc + " -> " + href);
        }
      }
    }
    assertThat(broken).isEmpty();
  }

  @Test
  void eo3DatasetHasEverythingDatacubeNeedsAndADeterministicId() throws Exception {
    S3Location loc = tile.names().eo3Dataset(L8);
    JsonNode d = yaml(loc);
    assertThat(d.get("$schema").asText()).isEqualTo("https://schemas.opendatacube.org/dataset");
    assertThat(d.get("id").asText()).isEqualTo(Eo3Documents.datasetId(L8).toString());
    assertThat(Eo3Documents.datasetId(L8)).isEqualTo(Eo3Documents.datasetId(dev.scenelift.scene.SceneId.parse(L8.toString())));
    assertThat(d.get("product").get("name").asText()).isEqualTo("landsat_ard_c1_oli_tirs");
    assertThat(d.get("crs").asText()).contains("Albers");
    assertThat(d.get("grids").get("default").get("shape").toString()).isEqualTo("[250,250]");
    assertThat(d.get("grids").get("default").get("transform").size()).isEqualTo(9);
    assertThat(d.get("geometry").get("type").asText()).isEqualTo("Polygon");
    JsonNode p = d.get("properties");
    assertThat(p.get("datetime").asText()).startsWith("2013-04-14");
    assertThat(p.get("eo:platform").asText()).isEqualTo("landsat-8");
    assertThat(p.get("eo:instrument").asText()).isEqualTo("OLI_TIRS");
    assertThat(p.get("eo:cloud_cover").asDouble()).isEqualTo(0.5);
    assertThat(p.get("odc:region_code").asText()).isEqualTo("h03v03");
    assertThat(p.get("odc:file_format").asText()).isEqualTo("GeoTIFF");
    assertThat(d.get("measurements").size()).isEqualTo(3);
    d.get("measurements")
        .forEach(m -> assertThat(tile.exists(resolve(loc, m.get("path").asText()))).as(m.toString()).isTrue());
  }

  @Test
  void eo3ProductValidatesAgainstEo3sAndDatacubeCoresProductSchemas() throws Exception {
    JsonNode product = yaml(tile.names().eo3Product(TILE, "landsat_ard_c1_oli_tirs"));
    assertThat(eo3Schemas.validate(Eo3Schemas.Kind.EO3_PRODUCT, product)).isEmpty();
    assertThat(eo3Schemas.validate(Eo3Schemas.Kind.DATACUBE_PRODUCT, product)).isEmpty();
    // YAML readers see units as strings only when they are quoted
    assertThat(tile.read(tile.names().eo3Product(TILE, "landsat_ard_c1_oli_tirs"))).contains("units: \"1\"");
  }

  @Test
  void eo3DatasetValidatesAgainstEo3sDatasetSchemaAndMatchesItsProduct() throws Exception {
    JsonNode dataset = yaml(tile.names().eo3Dataset(L8));
    assertThat(eo3Schemas.validate(Eo3Schemas.Kind.EO3_DATASET, dataset)).isEmpty();
    JsonNode product = yaml(tile.names().eo3Product(TILE, "landsat_ard_c1_oli_tirs"));
    assertThat(Eo3Consistency.problems(product, List.of(dataset))).isEmpty();
  }

  @Test
  void eo3SchemasAndChecksRejectBrokenDocuments() throws Exception {
    JsonNode product =
        new YAMLMapper()
            .readTree(tile.read(tile.names().eo3Product(TILE, "landsat_ard_c1_oli_tirs")).replace("units: \"1\"", "units: 1"));
    assertThat(eo3Schemas.validate(Eo3Schemas.Kind.EO3_PRODUCT, product)).hasSize(3).allMatch(e -> e.contains("units"));
    assertThat(eo3Schemas.validate(Eo3Schemas.Kind.DATACUBE_PRODUCT, product)).hasSize(3);

    ObjectNode dataset = (ObjectNode) yaml(tile.names().eo3Dataset(L8));
    ObjectNode broken = dataset.deepCopy();
    broken.put("id", "LC08-not-a-uuid");
    broken.put("label", "has spaces");
    broken.put("crs", 5070);
    ((com.fasterxml.jackson.databind.node.ArrayNode) broken.at("/grids/default/transform")).removeAll().add(1).add(2);
    ((ObjectNode) broken.get("properties")).remove("odc:processing_datetime");
    assertThat(eo3Schemas.validate(Eo3Schemas.Kind.EO3_DATASET, broken))
        .anyMatch(e -> e.contains("/id") && e.contains("uuid"))
        .anyMatch(e -> e.contains("/label"))
        .anyMatch(e -> e.contains("/crs"))
        .anyMatch(e -> e.contains("/grids/default/transform"))
        .anyMatch(e -> e.contains("odc:processing_datetime"));

    ObjectNode otherProduct = (ObjectNode) yaml(tile.names().eo3Product(TILE, "landsat_ard_c1_oli_tirs"));
    ((ObjectNode) otherProduct.at("/metadata/properties")).put("eo:instrument", "TM");
    ((ObjectNode) otherProduct.at("/measurements/0")).put("nodata", 70000).put("dtype", "int16");
    ObjectNode notCrs = dataset.deepCopy();
    notCrs.put("crs", "not a CRS");
    assertThat(Eo3Consistency.problems(otherProduct, List.of(notCrs)))
        .anyMatch(p -> p.contains("does not match its product"))
        .anyMatch(p -> p.contains("nodata 70000 does not fit int16"))
        .anyMatch(p -> p.contains("crs"));
  }

  @Test
  void eo3ProductNamesMeasurementsAfterTheBandsWithDtypeNodataAndUnits() throws Exception {
    JsonNode p = yaml(tile.names().eo3Product(TILE, "landsat_ard_c1_oli_tirs"));
    assertThat(p.get("name").asText()).isEqualTo("landsat_ard_c1_oli_tirs");
    assertThat(p.get("metadata_type").asText()).isEqualTo("eo3");
    List<String> names = new ArrayList<>();
    for (JsonNode m : p.get("measurements")) {
      names.add(m.get("name").asText());
      assertThat(m.get("dtype").asText()).isEqualTo("int16");
      assertThat(m.get("nodata").asDouble()).isEqualTo(-9999);
      assertThat(m.get("units").isTextual()).as(m.toString()).isTrue();
      assertThat(m.get("units").asText()).isEqualTo("1");
    }
    assertThat(names).containsExactly("srb2", "srb3", "srb4");
  }

  static S3Location resolve(S3Location doc, String href) {
    java.net.URI base = java.net.URI.create("s3://" + doc.bucket() + "/" + doc.key());
    return S3Location.parse(base.resolve(href).toString());
  }
}
