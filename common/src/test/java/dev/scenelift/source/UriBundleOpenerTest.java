package dev.scenelift.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.scenelift.manifest.BundleSource;
import dev.scenelift.scene.Bundle;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.S3ClientFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

class UriBundleOpenerTest {
  private static EmbeddedS3Store store;
  private static S3Client s3;
  private static HttpServer server;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    store = EmbeddedS3Store.inMemory();
    s3 = S3ClientFactory.create(store.settings());
    s3.createBucket(b -> b.bucket("usgs-landsat"));
    s3.putObject(b -> b.bucket("usgs-landsat").key("ard/b_SR.tar"), RequestBody.fromString("s3 bytes"));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          int status = path.endsWith("ok.tar") ? 200 : path.endsWith("secret.tar") ? 403 : 404;
          byte[] body = status == 200 ? "http bytes".getBytes() : "no".getBytes();
          exchange.sendResponseHeaders(status, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop(0);
    s3.close();
    store.close();
  }

  private static BundleSource source(URI uri) {
    return new BundleSource(Bundle.SR, uri, Optional.empty(), -1);
  }

  private static String read(BundleOpener opener, URI uri) throws Exception {
    try (InputStream in = opener.open(source(uri))) {
      return new String(in.readAllBytes());
    }
  }

  private static URI http(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void readsLocalFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("a_SR.tar");
    Files.writeString(file, "file bytes");

    assertThat(read(new UriBundleOpener(HTTP, s3, false, Duration.ofSeconds(5)), file.toUri()))
        .isEqualTo("file bytes");
  }

  @Test
  void missingLocalFileIsUnavailableNamingIt(@TempDir Path dir) {
    URI uri = dir.resolve("gone_SR.tar").toUri();

    assertThatThrownBy(() -> read(new UriBundleOpener(HTTP, s3, false, Duration.ofSeconds(5)), uri))
        .isInstanceOf(SourceUnavailableException.class)
        .hasMessageContaining("gone_SR.tar")
        .hasMessageContaining("no such file");
  }

  @Test
  void readsOverHttp() throws Exception {
    assertThat(read(new UriBundleOpener(HTTP, s3, false, Duration.ofSeconds(5)), http("/tiles/ok.tar")))
        .isEqualTo("http bytes");
  }

  @Test
  void http404IsUnavailableNamingUriAndStatus() {
    URI uri = http("/tiles/missing.tar");

    assertThatThrownBy(() -> read(new UriBundleOpener(HTTP, s3, false, Duration.ofSeconds(5)), uri))
        .isInstanceOf(SourceUnavailableException.class)
        .hasMessageContaining(uri.toString())
        .hasMessageContaining("HTTP 404")
        .satisfies(e -> assertThat(((SourceUnavailableException) e).uri()).isEqualTo(uri));
  }

  @Test
  void http403IsUnavailableNamingUriAndStatus() {
    URI uri = http("/tiles/secret.tar");

    assertThatThrownBy(() -> read(new UriBundleOpener(HTTP, s3, false, Duration.ofSeconds(5)), uri))
        .isInstanceOf(SourceUnavailableException.class)
        .hasMessageContaining("HTTP 403");
  }

  @Test
  void serverThatNeverAnswersTimesOutNamingUriAndTimeout() throws Exception {
    try (var silent = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                try (java.net.Socket held = silent.accept()) {
                  Thread.sleep(10_000); // reads nothing, answers nothing
                } catch (Exception ignored) {
                  // closed at the end of the test
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      URI uri = URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/stalled_SR.tar");

      assertThatThrownBy(() -> read(new UriBundleOpener(HTTP, s3, false, Duration.ofSeconds(1)), uri))
          .isInstanceOf(SourceUnavailableException.class)
          .hasMessageContaining(uri.toString())
          .hasMessageContaining("timed out");
    }
  }

  @Test
  void unreachableHostIsUnavailable() throws Exception {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    URI uri = URI.create("http://127.0.0.1:" + closedPort + "/x.tar");

    assertThatThrownBy(() -> read(new UriBundleOpener(HTTP, s3, false, Duration.ofSeconds(5)), uri))
        .isInstanceOf(SourceUnavailableException.class)
        .hasMessageContaining(uri.toString());
  }

  @Test
  void readsS3ObjectAndPaysAsRequesterWhenAsked() throws Exception {
    List<String> payerHeaders = new ArrayList<>();
    ExecutionInterceptor spy =
        new ExecutionInterceptor() {
          @Override
          public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            payerHeaders.addAll(
                context.httpRequest().headers().getOrDefault("x-amz-request-payer", List.of("<none>")));
          }
        };
    try (S3Client spied =
        S3Client.builder()
            .endpointOverride(store.endpoint())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(EmbeddedS3Store.ACCESS_KEY, EmbeddedS3Store.SECRET_KEY)))
            .overrideConfiguration(o -> o.addExecutionInterceptor(spy))
            .build()) {
      URI uri = URI.create("s3://usgs-landsat/ard/b_SR.tar");

      assertThat(read(new UriBundleOpener(HTTP, spied, true, Duration.ofSeconds(5)), uri)).isEqualTo("s3 bytes");
      assertThat(read(new UriBundleOpener(HTTP, spied, false, Duration.ofSeconds(5)), uri)).isEqualTo("s3 bytes");
    }
    assertThat(payerHeaders).containsExactly("requester", "<none>");
  }

  @Test
  void missingS3ObjectIsUnavailableNamingUriAndStatus() {
    URI uri = URI.create("s3://usgs-landsat/ard/none_SR.tar");

    assertThatThrownBy(() -> read(new UriBundleOpener(HTTP, s3, true, Duration.ofSeconds(5)), uri))
        .isInstanceOf(SourceUnavailableException.class)
        .hasMessageContaining(uri.toString())
        .hasMessageContaining("404");
  }

  @Test
  void unsupportedSchemeIsUnavailable() {
    URI uri = URI.create("ftp://example.org/a_SR.tar");

    assertThatThrownBy(() -> read(new UriBundleOpener(HTTP, s3, false, Duration.ofSeconds(5)), uri))
        .isInstanceOf(SourceUnavailableException.class)
        .hasMessageContaining("ftp");
  }
}
