package dev.scenelift.source;

import static dev.scenelift.source.SourceFixtures.L8;
import static dev.scenelift.source.SourceFixtures.options;
import static dev.scenelift.source.SourceFixtures.withList;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.scenelift.manifest.BundleSource;
import dev.scenelift.manifest.MalformedListException;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.Tile;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpCatalogTest {
  static final Tile H03V03 = Tile.parse("h03v03");
  static final String SR_MD5 = "a70bf6263fa3bce1dc135ef683fc4847";
  static final String QA_MD5 = "1d17156a9a9e07623015719109fc3b61";

  @TempDir Path data;
  HttpServer server;
  final Map<String, String> pages = new ConcurrentHashMap<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body = pages.get(exchange.getRequestURI().getPath());
          byte[] bytes = body == null ? "not found".getBytes() : body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/l2-ard-tiles/h03v03/";
  }

  @Test
  void listsScenesFromTheMd5ListWithBundleUrisBesideIt() throws Exception {
    pages.put(
        "/l2-ard-tiles/h03v03/h03v03.md5_list",
        SR_MD5 + "\t" + L8 + "_SR.tar\n" + QA_MD5 + "\t" + L8 + "_QA.tar\n");

    List<SceneEntry> scenes = Catalogs.forSource(base(), options(data)).list(H03V03);

    assertThat(scenes).singleElement().satisfies(e -> assertThat(e.id().toString()).isEqualTo(L8));
    BundleSource sr = scenes.get(0).bundle(Bundle.SR).orElseThrow();
    assertThat(sr.uri()).isEqualTo(URI.create(base() + L8 + "_SR.tar"));
    assertThat(sr.md5()).contains(SR_MD5);
    assertThat(sr.size()).isEqualTo(-1);
  }

  @Test
  void baseWithoutTrailingSlashStillResolvesBeside() throws Exception {
    pages.put("/l2-ard-tiles/h03v03/h03v03.md5_list", SR_MD5 + "\t" + L8 + "_SR.tar\n");
    String noSlash = base().substring(0, base().length() - 1);

    List<SceneEntry> scenes = Catalogs.forSource(noSlash, options(data)).list(H03V03);

    assertThat(scenes.get(0).bundles().get(0).uri()).isEqualTo(URI.create(base() + L8 + "_SR.tar"));
  }

  @Test
  void missingMd5ListWithoutSceneListIsAClearError() {
    assertThatThrownBy(() -> Catalogs.forSource(base(), options(data)).list(H03V03))
        .isInstanceOf(SourceUnavailableException.class)
        .hasMessageContaining(base() + "h03v03.md5_list")
        .hasMessageContaining("404")
        .hasMessageContaining("--scene-list");
  }

  @Test
  void missingMd5ListFallsBackToTheSceneList() throws Exception {
    Path list = data.resolve("scenes.txt");
    Files.writeString(list, L8 + "\n\n" + L8 + "\n");

    List<SceneEntry> scenes = Catalogs.forSource(base(), withList(data, list)).list(H03V03);

    assertThat(scenes).singleElement().satisfies(e -> {
      assertThat(e.bundles())
          .extracting(BundleSource::bundle)
          .containsExactlyInAnyOrder(Bundle.SR, Bundle.TA, Bundle.BT, Bundle.QA);
      assertThat(e.bundle(Bundle.TA).orElseThrow().uri()).isEqualTo(URI.create(base() + L8 + "_TA.tar"));
    });
  }

  @Test
  void malformedMd5ListNamesTheUrlAndLine() {
    pages.put("/l2-ard-tiles/h03v03/h03v03.md5_list", SR_MD5 + "\t" + L8 + "_SR.tar\n<html>oops</html>\n");

    assertThatThrownBy(() -> Catalogs.forSource(base(), options(data)).list(H03V03))
        .isInstanceOf(MalformedListException.class)
        .hasMessageStartingWith(base() + "h03v03.md5_list:2:");
  }

  @Test
  void unreachableServerIsSourceUnavailable() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String source = "http://127.0.0.1:" + closedPort + "/tiles/";

    assertThatThrownBy(() -> Catalogs.forSource(source, options(data)).list(H03V03))
        .isInstanceOf(SourceUnavailableException.class)
        .hasMessageStartingWith("cannot read " + source + "h03v03.md5_list: unreachable");
  }

  @Test
  void serverErrorIsSourceUnavailableNamingTheStatus() {
    server.removeContext("/");
    server.createContext("/", exchange -> {
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });

    assertThatThrownBy(() -> Catalogs.forSource(base(), options(data)).list(H03V03))
        .isInstanceOf(SourceUnavailableException.class)
        .hasMessageContaining("HTTP 503");
  }
}
