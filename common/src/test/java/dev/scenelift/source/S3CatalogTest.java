package dev.scenelift.source;

import static dev.scenelift.source.SourceFixtures.L7;
import static dev.scenelift.source.SourceFixtures.L8;
import static dev.scenelift.source.SourceFixtures.OTHER_TILE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.Tile;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Settings;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class S3CatalogTest {
  static final Tile H03V03 = Tile.parse("h03v03");
  static EmbeddedS3Store store;
  static S3Client s3;

  @TempDir Path data;

  @BeforeAll
  static void startStore() throws Exception {
    store = EmbeddedS3Store.inMemory();
    s3 = S3ClientFactory.create(store.settings());
  }

  @AfterAll
  static void stopStore() throws Exception {
    s3.close();
    store.close();
  }

  static void put(String bucket, String key, String body) {
    s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body));
  }

  SourceOptions options() {
    return new SourceOptions(data, store.settings(), 64, Optional.empty());
  }

  @Test
  void listsBundlesUnderThePrefixWithSizesFromTheListingAndMd5sFromListAndMd5Objects() throws Exception {
    s3.createBucket(b -> b.bucket("usgs-ard"));
    put("usgs-ard", "ard/h03v03/" + L8 + "_SR.tar", "x".repeat(1234));
    put("usgs-ard", "ard/h03v03/" + L8 + "_QA.tar", "q".repeat(10));
    put("usgs-ard", "ard/h03v03/sub/" + L7 + "_BT.tar.gz", "b".repeat(7));
    put("usgs-ard", "ard/h03v03/" + OTHER_TILE + "_SR.tar", "o");
    put("usgs-ard", "ard/h03v03/h03v03.md5_list", "a".repeat(32) + "\t" + L8 + "_SR.tar\n");
    put("usgs-ard", "ard/h03v03/" + L8 + "_QA.md5", "b".repeat(32) + " " + L8 + "_QA.tar");
    put("usgs-ard", "ard/elsewhere/" + L7 + "_SR.tar", "not under the prefix");

    List<SceneEntry> scenes = Catalogs.forSource("s3://usgs-ard/ard/h03v03", options()).list(H03V03);

    assertThat(scenes).extracting(e -> e.id().toString()).containsExactly(L7, L8);
    SceneEntry l8 = scenes.get(1);
    assertThat(l8.bundle(Bundle.SR).orElseThrow().size()).isEqualTo(1234);
    assertThat(l8.bundle(Bundle.SR).orElseThrow().md5()).contains("a".repeat(32));
    assertThat(l8.bundle(Bundle.SR).orElseThrow().uri())
        .isEqualTo(URI.create("s3://usgs-ard/ard/h03v03/" + L8 + "_SR.tar"));
    assertThat(l8.bundle(Bundle.QA).orElseThrow().md5()).contains("b".repeat(32));
    assertThat(scenes.get(0).bundles()).singleElement().satisfies(b -> {
      assertThat(b.md5()).isEmpty();
      assertThat(b.size()).isEqualTo(7);
    });
  }

  @Test
  void missingBucketIsSourceUnavailable() {
    assertThatThrownBy(() -> Catalogs.forSource("s3://no-such-bucket/x", options()).list(H03V03))
        .isInstanceOf(SourceUnavailableException.class)
        .hasMessageContaining("s3://no-such-bucket/x/");
  }

  @Test
  void requesterPaysSendsTheRequestPayerHeaderOnListAndGet() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    HttpServer fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    fake.createContext("/", exchange -> {
      String query = exchange.getRequestURI().getQuery();
      seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " payer="
          + exchange.getRequestHeaders().getFirst("x-amz-request-payer"));
      String body = query != null && query.contains("list-type=2")
          ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
              + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
              + "<Name>usgs-ard</Name><Prefix>t/</Prefix><KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys>"
              + "<IsTruncated>false</IsTruncated>"
              + "<Contents><Key>t/" + L8 + "_SR.tar</Key><Size>99</Size></Contents>"
              + "<Contents><Key>t/" + L8 + "_SR.md5</Key><Size>80</Size></Contents></ListBucketResult>"
          : "c".repeat(32) + " " + L8 + "_SR.tar";
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    fake.start();
    try {
      S3Settings settings =
          S3Settings.compatible(URI.create("http://127.0.0.1:" + fake.getAddress().getPort()), "k", "s")
              .withRequesterPays(true);
      List<SceneEntry> scenes =
          Catalogs.forSource("s3://usgs-ard/t", new SourceOptions(data, settings, 64, Optional.empty()))
              .list(H03V03);

      assertThat(scenes.get(0).bundle(Bundle.SR).orElseThrow().md5()).contains("c".repeat(32));
      assertThat(seen).hasSize(2).allSatisfy(line -> assertThat(line).endsWith("payer=requester"));
    } finally {
      fake.stop(0);
    }
  }
}
