package dev.scenelift.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import dev.scenelift.scene.Collection;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import dev.scenelift.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ArdMetadataParserTest {
  private final ArdMetadataParser parser = new ArdMetadataParser();

  private static List<Path> samples() throws IOException {
    try (Stream<Path> s = Files.list(SharedData.file("ard-samples"))) {
      return s.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().toList();
    }
  }

  private static String element(String xml, String name) {
    Matcher m = Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(xml);
    assertThat(m.find()).as(name).isTrue();
    return m.group(1);
  }

  @Test
  void everyRealSampleParsesWithTheValuesItsTextHolds() throws Exception {
    List<Path> files = samples();
    assertThat(files).hasSize(14);
    for (Path f : files) {
      String text = Files.readString(f, StandardCharsets.UTF_8);
      ArdMetadata m = parser.parse(f);
      String stem = f.getFileName().toString().replace(".xml", "");
      assertThat(m.productId()).isEqualTo(SceneId.parse(stem));
      assertThat(m.collection()).isEqualTo(Collection.C1);
      // the first occurrence of each is the tile's global_metadata
      assertThat(m.cover().cloudCover()).as(stem).isEqualTo(Double.parseDouble(element(text, "cloud_cover")));
      assertThat(m.cover().cloudShadow()).as(stem).isEqualTo(Double.parseDouble(element(text, "cloud_shadow")));
      assertThat(m.cover().snowIce()).as(stem).isEqualTo(Double.parseDouble(element(text, "snow_ice")));
      assertThat(m.cover().fill()).as(stem).isEqualTo(Double.parseDouble(element(text, "fill")));
      assertThat(m.sceneCount()).as(stem).isEqualTo(Integer.parseInt(element(text, "scene_count")));
      assertThat(m.scenes()).hasSize(m.sceneCount());
      assertThat(m.band("PIXELQA")).as(stem).isPresent();
      assertThat(m.band("PIXELQA").get().fillValue()).contains("1");
      assertThat(m.band("PIXELQA").get().dataType()).isEqualTo("UINT16");
      assertThat(m.projection().upperLeftX()).isEqualTo(m.tile().upperLeftX());
      assertThat(m.projection().upperLeftY()).isEqualTo(m.tile().upperLeftY());
    }
  }

  @Test
  void readsThe2017PreReleaseWithoutRegion() throws Exception {
    ArdMetadata m = parser.parse(SharedData.file("ard-samples/LE07_CU_014007_20150223_20170330_C01_V01.xml"));
    assertThat(m.format()).isEqualTo("C1 1.0 http://ard.cr.usgs.gov/v1");
    assertThat(m.region()).isEmpty();
    assertThat(m.tile()).isEqualTo(new Tile(14, 7));
    assertThat(m.acquired()).isEqualTo(LocalDate.of(2015, 2, 23));
    assertThat(m.produced()).isEqualTo(Instant.parse("2017-03-30T22:11:24Z"));
    assertThat(m.satellite()).isEqualTo("LANDSAT_7");
    assertThat(m.instrument()).isEqualTo("ETM");
    assertThat(m.cover()).isEqualTo(new CoverPercent(0.5276, 0.0, 0.2414, 98.6263));
    assertThat(m.bounds()).isEqualTo(new GeoBounds(-101.766044259, -99.8359682948, 43.318832118, 41.9109180811));
    assertThat(m.projection())
        .isEqualTo(new ProjectionInfo("AEA", "WGS84", "meters", -465585, 2264805, -315585, 2114805, "CORNER"));
    assertThat(m.band("PIXELQA").get().fileName()).isEqualTo("LE07_CU_014007_20150223_20170330_C01_V01_PIXELQA.tif");
    ContributingScene s = m.scenes().get(0);
    assertThat(s.productId()).isEqualTo("LE07_L1TP_030030_20150223_20161103_01_A1");
    assertThat(s.sceneId()).isEqualTo("LE70300302015054EDC00");
    assertThat(s.wrsPath()).hasValue(30);
    assertThat(s.wrsRow()).hasValue(30);
  }

  @Test
  void readsAV11TileWithThreeScenesAndBandNamesWithoutTif() throws Exception {
    ArdMetadata m = parser.parse(SharedData.file("ard-samples/LT05_CU_003007_20080716_20190512_C01_V01.xml"));
    assertThat(m.format()).isEqualTo("C1 1.1 https://landsat.usgs.gov/ard/v1");
    assertThat(m.region()).contains("CU");
    assertThat(m.cover()).isEqualTo(new CoverPercent(0.3720, 0.0102, 0.0002, 25.4361));
    assertThat(m.bands()).hasSize(31);
    assertThat(m.band("PIXELQA").get().fileName()).isEqualTo("PIXELQA");
    assertThat(m.band("LINEAGEQA").get().fileName()).isEqualTo("LT05_CU_003007_20080716_20190512_C01_V01_LINEAGEQA.tif");
    assertThat(m.band("SOZ4").get().scaleFactor().getAsDouble()).isCloseTo(0.01, within(1e-12));
    assertThat(m.band("SOZ4").get().fillValue()).contains("-32768");
    assertThat(m.scenes()).extracting(ContributingScene::productId)
        .containsExactly(
            "LT05_L1TP_043031_20080716_20161103_01_A1",
            "LT05_L1TP_043032_20080716_20161103_01_A1",
            "LT05_L1TP_043033_20080716_20161103_01_A1");
    assertThat(m.scenes().get(1).index()).isEqualTo(2);
    assertThat(m.scenes().get(1).wrsRow()).hasValue(32);
  }

  @Test
  void readsTheFirstReleaseLandsat8Tile() throws Exception {
    ArdMetadata m = parser.parse(SharedData.file("ard-samples/LC08_CU_027009_20130701_20170729_C01_V01.xml"));
    assertThat(m.format()).isEqualTo("C1 1.0 https://landsat.usgs.gov/ard/v1");
    assertThat(m.instrument()).isEqualTo("OLI/TIRS_Combined");
    assertThat(m.cover().cloudCover()).isEqualTo(99.0968);
    assertThat(m.cover().fill()).isEqualTo(27.6522);
    assertThat(m.bands()).hasSize(25);
    assertThat(m.scenes()).hasSize(2);
  }

  @Test
  void readsCollection2MetadataBuiltFromTheDocumentation() throws Exception {
    ArdMetadata m;
    try (InputStream in = getClass().getResourceAsStream("/metadata/LC08_CU_003003_20210618_20210702_02.xml")) {
      m = parser.parse(in, "c2-sample");
    }
    assertThat(m.productId()).isEqualTo(SceneId.parse("LC08_CU_003003_20210618_20210702_02"));
    assertThat(m.collection()).isEqualTo(Collection.C2);
    assertThat(m.tile()).isEqualTo(Tile.parse("h03v03"));
    assertThat(m.region()).contains("CU");
    assertThat(m.cover()).isEqualTo(new CoverPercent(12.3456, 1.5, 0.25, 3.75));
    assertThat(m.bounds()).isEqualTo(new GeoBounds(-123.65296, -121.27942, 46.35679, 44.68808));
    assertThat(m.projection().upperLeftX()).isEqualTo(Tile.parse("h03v03").upperLeftX());
    assertThat(m.band("QA_PIXEL").get().fileName()).isEqualTo("LC08_CU_003003_20210618_20210702_02_QA_PIXEL.TIF");
    assertThat(m.band("SR_B4").get().scaleFactor().getAsDouble()).isEqualTo(0.0000275);
    assertThat(m.scenes()).hasSize(2);
    assertThat(m.scenes().get(1).wrsRow()).hasValue(29);
    assertThat(m.produced()).isEqualTo(Instant.parse("2021-07-02T08:12:34Z"));
  }

  @Test
  void missingCloudCoverNamesSceneAndField() throws Exception {
    String xml = Files.readString(SharedData.file("ard-samples/LT05_CU_002004_20080923_20181219_C01_V01.xml"));
    String broken = xml.replaceFirst("<cloud_cover>[^<]*</cloud_cover>", "");
    assertThatThrownBy(() -> parser.parse(broken.getBytes(StandardCharsets.UTF_8), "x.xml"))
        .isInstanceOfSatisfying(
            MetadataFieldException.class,
            e -> {
              assertThat(e.scene()).isEqualTo("LT05_CU_002004_20080923_20181219_C01_V01");
              assertThat(e.field()).isEqualTo("tile_metadata/global_metadata/cloud_cover");
            })
        .hasMessage(
            "LT05_CU_002004_20080923_20181219_C01_V01: metadata field tile_metadata/global_metadata/cloud_cover is"
                + " missing");
  }

  @Test
  void malformedFieldsNameSceneAndField() throws Exception {
    String xml = Files.readString(SharedData.file("ard-samples/LT05_CU_002004_20080923_20181219_C01_V01.xml"));
    assertThatThrownBy(() -> parser.parse(xml.replaceFirst("<fill>[^<]*</fill>", "<fill>lots</fill>")
            .getBytes(StandardCharsets.UTF_8), "x.xml"))
        .hasMessageContaining("LT05_CU_002004_20080923_20181219_C01_V01: metadata field tile_metadata/global_metadata/fill is malformed ('lots'");
    assertThatThrownBy(() -> parser.parse(xml.replaceFirst("<tile_grid h=\"002\"", "<tile_grid h=\"009\"")
            .getBytes(StandardCharsets.UTF_8), "x.xml"))
        .isInstanceOfSatisfying(MetadataFieldException.class, e -> assertThat(e.field()).endsWith("tile_grid"));
    assertThatThrownBy(() -> parser.parse(xml.replaceFirst("<cloud_cover>[^<]*</cloud_cover>", "<cloud_cover>140</cloud_cover>")
            .getBytes(StandardCharsets.UTF_8), "x.xml"))
        .isInstanceOf(MetadataFieldException.class).hasMessageContaining("percentage");
    assertThatThrownBy(() -> parser.parse(xml.replaceFirst("<product_id>[^<]*</product_id>", "<product_id>nonsense</product_id>")
            .getBytes(StandardCharsets.UTF_8), "raw/h02v04/x.xml"))
        .isInstanceOfSatisfying(MetadataFieldException.class, e -> {
          assertThat(e.scene()).isEqualTo("raw/h02v04/x.xml");
          assertThat(e.field()).isEqualTo("tile_metadata/global_metadata/product_id");
        });
  }

  @Test
  void refusesExternalEntityWithoutFetchingIt() throws Exception {
    AtomicInteger hits = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      hits.incrementAndGet();
      byte[] body = "<!ENTITY x 'pwned'>".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      Path secret = Files.createTempFile("secret", ".txt");
      Files.writeString(secret, "top secret");
      String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE ard_metadata [\n"
          + "  <!ENTITY file SYSTEM \"" + secret.toUri() + "\">\n"
          + "  <!ENTITY web SYSTEM \"" + base + "/entity\">\n"
          + "  <!ENTITY % remote SYSTEM \"" + base + "/dtd\"> %remote;\n]>\n"
          + "<ard_metadata><tile_metadata><global_metadata><product_id>&file;&web;</product_id>"
          + "</global_metadata></tile_metadata></ard_metadata>";
      assertThatThrownBy(() -> parser.parse(xxe.getBytes(StandardCharsets.UTF_8), "evil.xml"))
          .isInstanceOfSatisfying(MetadataFieldException.class, e -> {
            assertThat(e.field()).isEqualTo("document");
            assertThat(e.scene()).isEqualTo("evil.xml");
          })
          .hasMessageContaining("DOCTYPE")
          .hasMessageNotContaining("top secret");
      String externalDtd = "<?xml version=\"1.0\"?>\n<!DOCTYPE ard_metadata SYSTEM \"" + base + "/x.dtd\">\n"
          + "<ard_metadata/>";
      assertThatThrownBy(() -> parser.parse(externalDtd.getBytes(StandardCharsets.UTF_8), "evil2.xml"))
          .isInstanceOf(MetadataFieldException.class);
      String xinclude = "<ard_metadata xmlns:xi=\"http://www.w3.org/2001/XInclude\">"
          + "<xi:include href=\"" + base + "/inc.xml\"/></ard_metadata>";
      assertThatThrownBy(() -> parser.parse(xinclude.getBytes(StandardCharsets.UTF_8), "evil3.xml"))
          .isInstanceOf(MetadataFieldException.class).hasMessageContaining("tile_metadata is missing");
      assertThat(hits.get()).isZero();
      Files.delete(secret);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void refusesEntityExpansionBomb() {
    StringBuilder doc = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    for (int i = 1; i < 10; i++) {
      doc.append("<!ENTITY lol").append(i).append(" \"");
      doc.append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
    }
    doc.append("]><ard_metadata>&lol9;</ard_metadata>");
    assertThatThrownBy(() -> parser.parse(doc.toString().getBytes(StandardCharsets.UTF_8), "bomb.xml"))
        .isInstanceOf(MetadataFieldException.class)
        .hasMessageContaining("DOCTYPE");
  }
}
