package dev.scenelift.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Location;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class BucketGatewayTest {
  private final HttpClient http = HttpClient.newHttpClient();

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void gatewayServesPagesWithTheirTypeAndAFolderAsItsListing() throws Exception {
    try (EmbeddedS3Store store = EmbeddedS3Store.inMemory();
        S3Client s3 = S3ClientFactory.create(store.settings());
        BucketGateway gateway = BucketGateway.start(s3, 0)) {
      s3.createBucket(b -> b.bucket("scenelift"));
      s3.putObject(
          b -> b.bucket("scenelift").key("raw/AAlist.html").contentType("text/html; charset=utf-8"),
          RequestBody.fromString("<p>hi</p>"));
      assertThat(get(URI.create(store.endpoint() + "/scenelift/raw/")).body())
          .as("the store's own answer to a folder")
          .doesNotContain("<p>hi</p>");
      HttpResponse<String> page = get(gateway.url(S3Location.parse("s3://scenelift/raw/AAlist.html")));
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).isEqualTo("<p>hi</p>");
      assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
      assertThat(get(gateway.url(S3Location.parse("s3://scenelift/raw/"))).body()).isEqualTo("<p>hi</p>");
      assertThat(get(gateway.url(S3Location.parse("s3://scenelift/raw/none.html"))).statusCode()).isEqualTo(404);
    }
  }
}
