package dev.scenelift.synthetic;

import dev.scenelift.gdal.ArdAlbers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenelift.gdal.GdalDataset;
import dev.scenelift.manifest.BundleSource;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.Sensor;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import dev.scenelift.source.Catalogs;
import dev.scenelift.source.SourceOptions;
import dev.scenelift.store.S3Settings;
import dev.scenelift.testing.SharedData;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.gdal.osr.SpatialReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class SyntheticTilesTest {
  static final Tile H03V03 = Tile.parse("h03v03");
  static final int SIZE = 128;

  @TempDir static Path data;
  static List<SceneEntry> scenes;

  @BeforeAll
  static void generate() throws Exception {
    SourceOptions options = new SourceOptions(data, S3Settings.aws(Optional.empty()), SIZE, Optional.empty());
    scenes = Catalogs.forSource("synthetic", options).list(H03V03);
  }

  static Path dir() {
    return new SyntheticTiles(data, SIZE).dir(H03V03);
  }

  static Path file(BundleSource b) {
    return Path.of(b.uri());
  }

  /** Extracts a tar into a fresh folder; returns entry name -> path, in tar order. */
  static Map<String, Path> extract(Path tar, Path into) throws Exception {
    Map<String, Path> out = new java.util.LinkedHashMap<>();
    Files.createDirectories(into);
    try (InputStream in = Files.newInputStream(tar);
        TarArchiveInputStream t = new TarArchiveInputStream(in)) {
      TarArchiveEntry e;
      while ((e = t.getNextEntry()) != null) {
        Path p = into.resolve(e.getName());
        Files.copy(t, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        out.put(e.getName(), p);
      }
    }
    return out;
  }

  static String md5(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
  }

  @Test
  void listsFourScenesOfMixedSensorsWithMd5sThatMatchTheTarBytes() throws Exception {
    assertThat(scenes).hasSize(4);
    assertThat(scenes).extracting(e -> e.id().sensor())
        .containsExactlyInAnyOrder(Sensor.LC08, Sensor.LE07, Sensor.LT05, Sensor.LC08);
    for (SceneEntry e : scenes) {
      assertThat(e.id().tile()).isEqualTo(H03V03);
      assertThat(e.bundles()).extracting(BundleSource::bundle)
          .containsExactlyInAnyOrder(Bundle.SR, Bundle.TA, Bundle.BT, Bundle.QA);
      for (BundleSource b : e.bundles()) {
        assertThat(b.md5()).contains(md5(file(b)));
        assertThat(b.size()).isEqualTo(Files.size(file(b)));
      }
    }
    String list = Files.readString(dir().resolve("h03v03.md5_list"));
    assertThat(list.lines()).as("a later test may add a fifth scene").hasSizeGreaterThanOrEqualTo(16);
    for (SceneEntry e : scenes) {
      for (BundleSource b : e.bundles()) {
        assertThat(list).contains(b.md5().get() + "\t" + b.fileName());
      }
    }
  }

  @Test
  void bundlesHoldTheSensorsBandsAndTheSceneXml() throws Exception {
    for (SceneEntry e : scenes) {
      boolean oli = e.id().sensor().isOli();
      Map<Bundle, List<String>> names = new HashMap<>();
      for (BundleSource b : e.bundles()) {
        List<String> entries = new ArrayList<>();
        try (TarArchiveInputStream t = new TarArchiveInputStream(Files.newInputStream(file(b)))) {
          TarArchiveEntry x;
          while ((x = t.getNextEntry()) != null) {
            entries.add(x.getName().substring(e.id().toString().length()));
          }
        }
        names.put(b.bundle(), entries);
      }
      assertThat(names.get(Bundle.SR)).containsExactlyElementsOf(oli
          ? List.of("_SRB1.tif", "_SRB2.tif", "_SRB3.tif", "_SRB4.tif", "_SRB5.tif", "_SRB6.tif", "_SRB7.tif", ".xml")
          : List.of("_SRB1.tif", "_SRB2.tif", "_SRB3.tif", "_SRB4.tif", "_SRB5.tif", "_SRB7.tif", ".xml"));
      assertThat(names.get(Bundle.BT)).containsExactlyElementsOf(
          oli ? List.of("_BTB10.tif", "_BTB11.tif", ".xml") : List.of("_BTB6.tif", ".xml"));
      assertThat(names.get(Bundle.TA)).contains("_TAB1.tif", "_TAB7.tif", ".xml");
      assertThat(names.get(Bundle.QA)).containsExactlyElementsOf(List.of("_LINEAGEQA.tif", "_PIXELQA.tif",
          "_RADSATQA.tif", oli ? "_SRAEROSOLQA.tif" : "_SRCLOUDQA.tif", ".xml"));
    }
  }

  @Test
  void geoTiffsAreInTheArdAlbersGridWithNodataAndUsgsDataTypes(@TempDir Path tmp) throws Exception {
    SceneEntry scene = scenes.get(0);
    Map<String, Path> sr = extract(file(scene.bundle(Bundle.SR).orElseThrow()), tmp);
    Map<String, Path> qa = extract(file(scene.bundle(Bundle.QA).orElseThrow()), tmp);
    String id = scene.id().toString();
    try (GdalDataset ds = GdalDataset.openReadOnly(sr.get(id + "_SRB3.tif").toString())) {
      Dataset d = ds.get();
      assertThat(d.getRasterXSize()).isEqualTo(SIZE);
      assertThat(d.getRasterYSize()).isEqualTo(SIZE);
      double[] gt = d.GetGeoTransform();
      assertThat(gt).containsExactly(-2565585 + 150000 * 3, 150000.0 / SIZE, 0, 3314805 - 150000 * 3, 0,
          -150000.0 / SIZE);
      SpatialReference srs = new SpatialReference(d.GetProjection());
      assertThat(srs.GetAttrValue("PROJECTION")).isEqualTo("Albers_Conic_Equal_Area");
      assertThat(srs.GetProjParm("standard_parallel_1")).isEqualTo(29.5);
      assertThat(srs.GetProjParm("standard_parallel_2")).isEqualTo(45.5);
      assertThat(srs.GetProjParm("latitude_of_center")).isEqualTo(23.0);
      assertThat(srs.GetProjParm("longitude_of_center")).isEqualTo(-96.0);
      assertThat(srs.GetProjParm("false_easting")).isEqualTo(0.0);
      assertThat(srs.GetProjParm("false_northing")).isEqualTo(0.0);
      assertThat(srs.GetAttrValue("DATUM")).isEqualTo("WGS_1984");
      Band b = d.GetRasterBand(1);
      assertThat(b.getDataType()).isEqualTo(gdalconstConstants.GDT_Int16);
      Double[] nodata = new Double[1];
      b.GetNoDataValue(nodata);
      assertThat(nodata[0]).isEqualTo(-9999.0);
      assertThat(d.GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE")).isEqualTo("DEFLATE");
      short[] px = new short[SIZE * SIZE];
      b.ReadRaster(0, 0, SIZE, SIZE, px);
      for (short v : px) {
        assertThat(v == -9999 || v >= 0 && v <= 10000).as("reflectance %d", v).isTrue();
      }
    }
    try (GdalDataset ds = GdalDataset.openReadOnly(qa.get(id + "_PIXELQA.tif").toString())) {
      Band b = ds.get().GetRasterBand(1);
      assertThat(b.getDataType()).isEqualTo(gdalconstConstants.GDT_UInt16);
      Double[] nodata = new Double[1];
      b.GetNoDataValue(nodata);
      assertThat(nodata[0]).isEqualTo(1.0);
    }
  }

  @Test
  void otherBandsAreFillExactlyWhereQaSaysFill(@TempDir Path tmp) throws Exception {
    for (SceneEntry scene : scenes) {
      String id = scene.id().toString();
      Map<String, Path> qa = extract(file(scene.bundle(Bundle.QA).orElseThrow()), tmp.resolve(id + "qa"));
      Map<String, Path> bt = extract(file(scene.bundle(Bundle.BT).orElseThrow()), tmp.resolve(id + "bt"));
      short[] pixelQa = read16(qa.get(id + "_PIXELQA.tif"));
      String thermal = scene.id().sensor().isOli() ? "_BTB10.tif" : "_BTB6.tif";
      short[] temperature = read16(bt.get(id + thermal), gdalconstConstants.GDT_Int16);
      byte[] lineage = read8(qa.get(id + "_LINEAGEQA.tif"));
      for (int i = 0; i < pixelQa.length; i++) {
        boolean fill = (pixelQa[i] & 1) != 0;
        assertThat(temperature[i] == -9999).as("BT fill at %d", i).isEqualTo(fill);
        assertThat(lineage[i] == 0).as("lineage fill at %d", i).isEqualTo(fill);
      }
    }
  }

  static short[] read16(Path tif) {
    return read16(tif, gdalconstConstants.GDT_UInt16);
  }

  /** Reads a 16-bit band as {@code type} (UInt16 for bitmaps, Int16 for signed values). */
  static short[] read16(Path tif, int type) {
    try (GdalDataset ds = GdalDataset.openReadOnly(tif.toString())) {
      Dataset d = ds.get();
      short[] px = new short[d.getRasterXSize() * d.getRasterYSize()];
      d.GetRasterBand(1).ReadRaster(0, 0, d.getRasterXSize(), d.getRasterYSize(), type, px);
      return px;
    }
  }

  static byte[] read8(Path tif) {
    try (GdalDataset ds = GdalDataset.openReadOnly(tif.toString())) {
      Dataset d = ds.get();
      byte[] px = new byte[d.getRasterXSize() * d.getRasterYSize()];
      d.GetRasterBand(1).ReadRaster(0, 0, d.getRasterXSize(), d.getRasterYSize(), px);
      return px;
    }
  }

  static Document parse(Path xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return f.newDocumentBuilder().parse(xml.toFile());
  }

  static String text(Document doc, String name) {
    return doc.getElementsByTagNameNS(ArdXml.NAMESPACE, name).item(0).getTextContent();
  }

  @Test
  void xmlValidatesAgainstTheUsgsV11Schema(@TempDir Path tmp) throws Exception {
    SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    sf.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    sf.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    Validator validator =
        sf.newSchema(SharedData.file("ard-samples/ard_metadata_v1_1.xsd").toFile()).newValidator();
    for (SceneEntry scene : scenes) {
      Map<String, Path> qa = extract(file(scene.bundle(Bundle.QA).orElseThrow()), tmp.resolve(scene.id().toString()));
      Path xml = qa.get(scene.id() + ".xml");
      validator.validate(new StreamSource(xml.toFile()));
      Document doc = parse(xml);
      assertThat(doc.getDocumentElement().getAttribute("version")).isEqualTo("1.1");
      assertThat(text(doc, "product_id")).isEqualTo(scene.id().toString());
      assertThat(text(doc, "satellite")).isEqualTo(scene.id().sensor().platform());
    }
  }

  @Test
  void theRealSampleValidatesWithTheSameValidator() throws Exception {
    SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    Validator validator =
        sf.newSchema(SharedData.file("ard-samples/ard_metadata_v1_1.xsd").toFile()).newValidator();
    validator.validate(new StreamSource(
        SharedData.file("ard-samples/LC08_CU_003007_20191010_20191020_C01_V01.xml").toFile()));
  }

  @Test
  void xmlCoverFiguresEqualThoseCountedFromTheQaBand(@TempDir Path tmp) throws Exception {
    boolean sawCloud = false;
    boolean sawFill = false;
    for (SceneEntry scene : scenes) {
      String id = scene.id().toString();
      Map<String, Path> qa = extract(file(scene.bundle(Bundle.QA).orElseThrow()), tmp.resolve(id));
      short[] px = read16(qa.get(id + "_PIXELQA.tif"));
      long fill = 0;
      long cloud = 0;
      long shadow = 0;
      long snow = 0;
      for (short s : px) {
        int v = s & 0xFFFF;
        if ((v & 1) != 0) {
          fill++;
        } else {
          cloud += (v >> 5) & 1;
          shadow += (v >> 3) & 1;
          snow += (v >> 4) & 1;
        }
      }
      long valid = px.length - fill;
      Document doc = parse(qa.get(id + ".xml"));
      assertThat(text(doc, "fill")).isEqualTo(percent(fill, px.length));
      assertThat(text(doc, "cloud_cover")).isEqualTo(percent(cloud, valid));
      assertThat(text(doc, "cloud_shadow")).isEqualTo(percent(shadow, valid));
      assertThat(text(doc, "snow_ice")).isEqualTo(percent(snow, valid));
      sawCloud |= cloud > 0;
      sawFill |= fill > 0;
    }
    assertThat(sawCloud).as("some scene has clouds").isTrue();
    assertThat(sawFill).as("some scene has fill").isTrue();
  }

  @Test
  void defaultScenesAreClearPartlyCloudyOvercastWithAFillWedgeAndPristine(@TempDir Path tmp) throws Exception {
    Map<SceneId, String[]> figures = new HashMap<>();
    for (SceneEntry scene : scenes) {
      String id = scene.id().toString();
      Map<String, Path> qa = extract(file(scene.bundle(Bundle.QA).orElseThrow()), tmp.resolve(id));
      Document doc = parse(qa.get(id + ".xml"));
      figures.put(scene.id(), new String[] {text(doc, "cloud_cover"), text(doc, "fill")});
    }
    List<SceneId> plan = SyntheticPlan.plan(H03V03, 4).stream().map(SceneRecipe::id).toList();
    // pinned: generation is deterministic; a recipe change must update these and is caught by the cache's stamp
    assertThat(figures.get(plan.get(0))).as("clear LC08: cloud, fill").containsExactly("3.3986", "4.2786");
    assertThat(figures.get(plan.get(1))).as("partly cloudy LE07").containsExactly("30.3907", "22.3572");
    assertThat(figures.get(plan.get(2))).as("overcast LT05 with a fill wedge").containsExactly("68.0933", "30.1208");
    assertThat(figures.get(plan.get(3))).as("pristine LC08").containsExactly("0.4991", "3.3997");
    assertThat(plan).extracting(SceneId::sensor).containsExactly(Sensor.LC08, Sensor.LE07, Sensor.LT05, Sensor.LC08);
    assertThat(Double.parseDouble(figures.get(plan.get(0))[0])).isBetween(1.0, 5.0);
    assertThat(Double.parseDouble(figures.get(plan.get(0))[1])).isLessThan(10);
    assertThat(Double.parseDouble(figures.get(plan.get(1))[0])).isBetween(20.0, 40.0);
    assertThat(Double.parseDouble(figures.get(plan.get(2))[0])).isGreaterThan(60);
    assertThat(Double.parseDouble(figures.get(plan.get(2))[1])).isGreaterThan(20);
    // the COG research set's defaults: at most 1 % cloud and 5 % fill
    assertThat(Double.parseDouble(figures.get(plan.get(3))[0])).isLessThan(1);
    assertThat(Double.parseDouble(figures.get(plan.get(3))[1])).isBetween(0.1, 5.0);
  }

  @Test
  void laterScenesMixTheSkies() {
    List<Double> thresholds =
        SyntheticPlan.plan(Tile.parse("h14v07"), 30).stream().map(SceneRecipe::cloudThreshold).toList();
    // a higher threshold is a clearer sky: clear scenes sit near 0.78, partly cloudy near 0.57, overcast below 0.5
    assertThat(thresholds).anyMatch(t -> t > 0.7).anyMatch(t -> t > 0.52 && t < 0.65).anyMatch(t -> t < 0.5);
  }

  @Test
  void previewNamesTheScenesToComeAndWritesNothing(@TempDir Path empty) throws Exception {
    SyntheticTiles.Folder preview = new SyntheticTiles(empty, SIZE).preview(H03V03, 4);

    assertThat(preview.scenes()).containsExactlyInAnyOrderElementsOf(scenes.stream().map(SceneEntry::id).toList());
    assertThat(preview.generated()).isEmpty();
    try (Stream<Path> s = Files.list(empty)) {
      assertThat(s).isEmpty();
    }
    assertThat(new SyntheticTiles(data, SIZE).preview(H03V03, 4).generated())
        .as("the generated cache").containsExactlyInAnyOrderElementsOf(preview.scenes());
  }

  @Test
  void cacheFolderIsNamedBySizeAndGeneratorVersion() {
    assertThat(dir()).isEqualTo(data.resolve("synthetic/h03v03/" + SIZE + "-g" + SyntheticTiles.GENERATOR_VERSION));
  }

  @Test
  void foldersOfOtherGeneratorsAreRemovedAndOtherSizesKept(@TempDir Path own) throws Exception {
    Path tileDir = own.resolve("synthetic/h03v03");
    Path stale = Files.createDirectories(tileDir.resolve("5000-g1"));
    Files.writeString(stale.resolve("x_QA.tar"), "old");
    Path otherSize = Files.createDirectories(tileDir.resolve("64-g" + SyntheticTiles.GENERATOR_VERSION));
    Path notOurs = Files.createDirectories(tileDir.resolve("notes"));

    new SyntheticTiles(own, 16).ensure(H03V03, 1);

    assertThat(stale).doesNotExist();
    assertThat(otherSize).isDirectory();
    assertThat(notOurs).isDirectory();
    assertThat(tileDir.resolve("16-g" + SyntheticTiles.GENERATOR_VERSION)).isDirectory();
  }

  @Test
  void theClearScenesAreSummerOnes() {
    for (int i : new int[] {0, 3}) {
      SceneId clear = SyntheticPlan.plan(H03V03, 4).get(i).id();
      assertThat(clear.acquired().getMonthValue()).as(clear.toString()).isBetween(6, 9);
    }
  }

  @Test
  void aSceneStampedWithAnotherRecipeIsRegenerated() throws Exception {
    SceneEntry scene = scenes.get(2);
    BundleSource qa = scene.bundle(Bundle.QA).orElseThrow();
    Path stamp = dir().resolve(scene.id() + ".recipe");
    String current = Files.readString(stamp);
    Files.writeString(stamp, current.replace("cloudThreshold=", "cloudThreshold=9"));
    Files.writeString(file(qa), "made by an older generator");
    SyntheticTiles tiles = new SyntheticTiles(data, SIZE);
    assertThat(tiles.preview(H03V03, 4).generated()).doesNotContain(scene.id());

    tiles.ensure(H03V03, 4);

    assertThat(Files.readString(stamp)).isEqualTo(current);
    assertThat(md5(file(qa))).isEqualTo(qa.md5().get());
    assertNoTempFiles();
  }

  static String percent(long part, long whole) {
    return String.format(java.util.Locale.ROOT, "%.4f", 100.0 * part / whole);
  }

  @Test
  void boundingCoordinatesMatchUsgsForARealTile() {
    double[] box = ArdAlbers.bbox(ArdAlbers.ring(Tile.parse("h03v07"), 100));
    double[] b = {box[0], box[2], box[3], box[1]};
    // LC08_CU_003007_20191010_20191020_C01_V01.xml
    assertThat(b[0]).isCloseTo(-121.595307588, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(b[1]).isCloseTo(-119.419007149, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(b[2]).isCloseTo(41.1587571509, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(b[3]).isCloseTo(39.522626573, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void rerunReusesTheCacheAndALargerCountOnlyAddsScenes() throws Exception {
    SyntheticTiles tiles = new SyntheticTiles(data, SIZE);
    Map<Path, FileTime> before = new HashMap<>();
    for (SceneEntry e : scenes) {
      for (BundleSource b : e.bundles()) {
        before.put(file(b), Files.getLastModifiedTime(file(b)));
      }
    }
    SyntheticTiles.Folder again = tiles.ensure(H03V03, 4);
    assertThat(again.scenes()).containsExactlyInAnyOrderElementsOf(scenes.stream().map(SceneEntry::id).toList());
    SyntheticTiles.Folder five = tiles.ensure(H03V03, 5);
    assertThat(five.scenes()).hasSize(5).containsAll(again.scenes());
    before.forEach((p, t) -> {
      try {
        assertThat(Files.getLastModifiedTime(p)).as(p.toString()).isEqualTo(t);
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(Files.readString(dir().resolve("h03v03.md5_list")).lines()).hasSize(20);
    assertNoTempFiles();
  }

  @Test
  void aBundleWithoutItsMd5IsRegeneratedIdentically() throws Exception {
    SceneEntry scene = scenes.get(1);
    BundleSource sr = scene.bundle(Bundle.SR).orElseThrow();
    Files.delete(dir().resolve(scene.id() + "_SR.md5"));
    Files.writeString(file(sr), "half a bundle");

    new SyntheticTiles(data, SIZE).ensure(H03V03, 4);

    assertThat(md5(file(sr))).isEqualTo(sr.md5().get()); // generation is deterministic
    assertNoTempFiles();
  }

  static void assertNoTempFiles() throws Exception {
    try (Stream<Path> s = Files.list(dir())) {
      assertThat(s.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.endsWith(".partial") || n.contains(".work-"));
    }
  }
}
