package dev.scenelift.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Location;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

class BucketGatewayTest {
  private static final int SIZE = 1 << 20;
  private static final S3Location BLOB = S3Location.parse("s3://scenelift/cog/h03v03/x/SR/x_SRB4.tif");

  private final HttpClient http = HttpClient.newHttpClient();
  /** What the gateway asked the store for: each GetObject's Range (empty: whole) and the length it got. */
  private final List<String> gets = new CopyOnWriteArrayList<>();
  private final List<Long> got = new CopyOnWriteArrayList<>();
  private final List<ServedRequest> served = new CopyOnWriteArrayList<>();
  private final byte[] blob = new byte[SIZE];

  private EmbeddedS3Store store;
  private S3Client s3;
  private S3Client observed;
  private BucketGateway gateway;

  @BeforeEach
  void start() throws Exception {
    store = EmbeddedS3Store.inMemory();
    s3 = S3ClientFactory.create(store.settings());
    s3.createBucket(b -> b.bucket("scenelift"));
    new Random(7).nextBytes(blob);
    s3.putObject(b -> b.bucket(BLOB.bucket()).key(BLOB.key()).contentType("image/tiff"), RequestBody.fromBytes(blob));
    observed =
        S3Client.builder()
            .endpointOverride(store.endpoint())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .overrideConfiguration(o -> o.addExecutionInterceptor(new StoreReads()))
            .build();
    gateway = BucketGateway.start(observed, 0, served::add);
  }

  @AfterEach
  void stop() throws Exception {
    gateway.close();
    observed.close();
    s3.close();
    store.close();
  }

  private final class StoreReads implements ExecutionInterceptor {
    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      if (context.request() instanceof GetObjectRequest g) {
        gets.add(g.range() == null ? "" : g.range());
      }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
      if (context.response() instanceof GetObjectResponse r) {
        got.add(r.contentLength());
      }
    }
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<byte[]> getRange(String range) throws Exception {
    return http.send(
        HttpRequest.newBuilder(gateway.url(BLOB)).header("Range", range).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String header(HttpResponse<?> r, String name) {
    return r.headers().firstValue(name).orElse("");
  }

  @Test
  void gatewayServesPagesWithTheirTypeAndAFolderAsItsListing() throws Exception {
    s3.putObject(
        b -> b.bucket("scenelift").key("raw/AAlist.html").contentType("text/html; charset=utf-8"),
        RequestBody.fromString("<p>hi</p>"));
    assertThat(get(URI.create(store.endpoint() + "/scenelift/raw/")).body())
        .as("the store's own answer to a folder")
        .doesNotContain("<p>hi</p>");
    HttpResponse<String> page = get(gateway.url(S3Location.parse("s3://scenelift/raw/AAlist.html")));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).isEqualTo("<p>hi</p>");
    assertThat(header(page, "Content-Type")).startsWith("text/html");
    assertThat(header(page, "Accept-Ranges")).isEqualTo("bytes");
    assertThat(get(gateway.url(S3Location.parse("s3://scenelift/raw/"))).body()).isEqualTo("<p>hi</p>");
    assertThat(get(gateway.url(S3Location.parse("s3://scenelift/raw/none.html"))).statusCode()).isEqualTo(404);
  }

  @Test
  void aRangeIsAnswered206FromARangedGetOfTheStore() throws Exception {
    HttpResponse<byte[]> r = getRange("bytes=1000-1999");

    assertThat(r.statusCode()).isEqualTo(206);
    assertThat(r.body()).isEqualTo(Arrays.copyOfRange(blob, 1000, 2000));
    assertThat(header(r, "Content-Range")).isEqualTo("bytes 1000-1999/" + SIZE);
    assertThat(header(r, "Content-Length")).isEqualTo("1000");
    assertThat(header(r, "Accept-Ranges")).isEqualTo("bytes");
    assertThat(header(r, "ETag")).isNotEmpty();
    assertThat(gets).as("the store was asked for the range only").containsExactly("bytes=1000-1999");
    assertThat(got).containsExactly(1000L);
  }

  @Test
  void suffixAndOpenEndedRangesAndRangesPastTheEndAreClippedToTheObject() throws Exception {
    HttpResponse<byte[]> suffix = getRange("bytes=-100");
    assertThat(suffix.statusCode()).isEqualTo(206);
    assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(blob, SIZE - 100, SIZE));
    assertThat(header(suffix, "Content-Range")).isEqualTo("bytes " + (SIZE - 100) + "-" + (SIZE - 1) + "/" + SIZE);

    HttpResponse<byte[]> open = getRange("bytes=" + (SIZE - 10) + "-");
    assertThat(open.statusCode()).isEqualTo(206);
    assertThat(open.body()).isEqualTo(Arrays.copyOfRange(blob, SIZE - 10, SIZE));

    HttpResponse<byte[]> past = getRange("bytes=" + (SIZE - 5) + "-" + (SIZE + 5000));
    assertThat(past.statusCode()).isEqualTo(206);
    assertThat(past.body()).hasSize(5);
    assertThat(header(past, "Content-Range")).isEqualTo("bytes " + (SIZE - 5) + "-" + (SIZE - 1) + "/" + SIZE);
    assertThat(got).containsExactly(100L, 10L, 5L);
  }

  @Test
  void anUnsatisfiableRangeIs416WithTheObjectSize() throws Exception {
    for (String range : List.of("bytes=" + SIZE + "-", "bytes=" + (SIZE + 10) + "-" + (SIZE + 20), "bytes=-0")) {
      HttpResponse<byte[]> r = getRange(range);
      assertThat(r.statusCode()).as(range).isEqualTo(416);
      assertThat(header(r, "Content-Range")).as(range).isEqualTo("bytes */" + SIZE);
      assertThat(r.body()).isEmpty();
    }
  }

  @Test
  void severalRangesGetTheOneRangeSpanningThem() throws Exception {
    HttpResponse<byte[]> r = getRange("bytes=10-19, 500-509");

    assertThat(r.statusCode()).isEqualTo(206);
    assertThat(header(r, "Content-Range")).isEqualTo("bytes 10-509/" + SIZE);
    assertThat(r.body()).isEqualTo(Arrays.copyOfRange(blob, 10, 510));
    assertThat(gets).containsExactly("bytes=10-509");
  }

  @Test
  void aMalformedRangeOrAnotherUnitGetsTheWholeObject() throws Exception {
    for (String range : List.of("bytes=abc", "items=0-1", "bytes=9-2")) {
      HttpResponse<byte[]> r = getRange(range);
      assertThat(r.statusCode()).as(range).isEqualTo(200);
      assertThat(r.body()).as(range).isEqualTo(blob);
    }
  }

  @Test
  void headGivesLengthTypeEtagAndLastModifiedWithoutABody() throws Exception {
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(gateway.url(BLOB)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofByteArray());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(header(r, "Content-Length")).isEqualTo(Integer.toString(SIZE));
    assertThat(header(r, "Content-Type")).isEqualTo("image/tiff");
    assertThat(header(r, "ETag")).isEqualTo(s3.headObject(b -> b.bucket(BLOB.bucket()).key(BLOB.key())).eTag());
    assertThat(header(r, "Last-Modified")).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
    assertThat(header(r, "Accept-Ranges")).isEqualTo("bytes");
    assertThat(r.body()).isEmpty();
    assertThat(gets).as("HEAD reads no object").isEmpty();
  }

  @Test
  void anyOriginMayReadRangesAndAPreflightIsAnswered() throws Exception {
    HttpResponse<String> preflight =
        http.send(
            HttpRequest.newBuilder(gateway.url(BLOB))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://example.test")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "range")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(header(preflight, "Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(header(preflight, "Access-Control-Allow-Methods")).contains("GET", "HEAD");
    assertThat(header(preflight, "Access-Control-Allow-Headers")).containsIgnoringCase("range");

    HttpResponse<byte[]> r = getRange("bytes=0-15");
    assertThat(header(r, "Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(header(r, "Access-Control-Expose-Headers"))
        .contains("Content-Range", "Content-Length", "ETag", "Accept-Ranges");
    HttpResponse<String> missing = get(gateway.url(S3Location.parse("s3://scenelift/raw/none.tif")));
    assertThat(header(missing, "Access-Control-Allow-Origin")).as("errors too").isEqualTo("*");
  }

  @Test
  void writesAreRefusedAndChangeNothing() throws Exception {
    for (String method : List.of("PUT", "POST", "DELETE")) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(gateway.url(BLOB))
                  .method(method, HttpRequest.BodyPublishers.ofString("x"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(method).isEqualTo(405);
      assertThat(header(r, "Allow")).isEqualTo("GET, HEAD, OPTIONS");
    }
    assertThat(s3.getObjectAsBytes(b -> b.bucket(BLOB.bucket()).key(BLOB.key())).asByteArray()).isEqualTo(blob);
  }

  @Test
  void everyAnswerIsPassedToTheAccessLog() throws Exception {
    getRange("bytes=0-9");
    get(gateway.url(S3Location.parse("s3://scenelift/raw/none.tif")));

    assertThat(served)
        .extracting(ServedRequest::toString)
        .containsExactly(
            "GET " + BucketGateway.pathOf(BLOB) + " bytes=0-9 206 10",
            "GET /scenelift/raw/none.tif 404 0");
  }
}
