package dev.scenelift.source;

import dev.scenelift.manifest.BundleSource;
import dev.scenelift.store.S3Location;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.RequestPayer;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Opens a bundle wherever its URI points: {@code file:} (a local folder), {@code http:}/{@code https:} (a GET) and
 * {@code s3:} (a GetObject, paying as requester when asked, as USGS's buckets require). The clients belong to the
 * caller.
 */
public final class UriBundleOpener implements BundleOpener, FileOpener {
  private final Supplier<HttpClient> http;
  private HttpClient client;
  private final S3Client s3;
  private final boolean requesterPays;
  private final Duration timeout;

  /**
   * @param http the process's HTTP client
   * @param s3 the client for {@code s3:} sources
   * @param requesterPays send {@code x-amz-request-payer: requester} with every GetObject
   * @param timeout how long to wait for a response's headers
   */
  public UriBundleOpener(HttpClient http, S3Client s3, boolean requesterPays, Duration timeout) {
    this(() -> http, s3, requesterPays, timeout);
    Objects.requireNonNull(http, "http");
  }

  /**
   * As above, with the HTTP client made on the first http(s) bundle: a run of {@code file:} or {@code s3:} bundles
   * never pays for one (java.net.http's classes and selector thread sit on a job's start path otherwise).
   *
   * @param http makes the process's HTTP client, called at most once
   */
  public UriBundleOpener(Supplier<HttpClient> http, S3Client s3, boolean requesterPays, Duration timeout) {
    this.http = Objects.requireNonNull(http, "http");
    this.s3 = Objects.requireNonNull(s3, "s3");
    this.requesterPays = requesterPays;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  @Override
  public InputStream open(BundleSource bundle) throws IOException {
    return openBody(bundle.uri()).body();
  }

  /**
   * Opens any source URI for one sequential read, with the length and ETag the source announced. The caller owns the
   * body.
   *
   * @throws SourceUnavailableException when the source cannot be reached or refuses (404, 403, timeout, no such file)
   */
  @Override
  public SourceBody openBody(URI uri) throws IOException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    return switch (scheme) {
      case "file" -> openFile(uri);
      case "http", "https" -> openHttp(uri);
      case "s3" -> openS3(uri);
      default -> throw new SourceUnavailableException(uri, "unsupported scheme '" + scheme + "'", null);
    };
  }

  private synchronized HttpClient http() {
    if (client == null) {
      client = Objects.requireNonNull(http.get(), "http");
    }
    return client;
  }

  private static SourceBody openFile(URI uri) throws IOException {
    Path path;
    try {
      path = Path.of(uri);
    } catch (IllegalArgumentException e) {
      throw new SourceUnavailableException(uri, "not a local file URI", e);
    }
    try {
      InputStream in = Files.newInputStream(path);
      return new SourceBody(in, OptionalLong.of(Files.size(path)), Optional.empty());
    } catch (NoSuchFileException e) {
      throw new SourceUnavailableException(uri, "no such file", e);
    } catch (IOException e) {
      throw new SourceUnavailableException(uri, e.toString(), e);
    }
  }

  private SourceBody openHttp(URI uri) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(timeout).build();
    HttpResponse<InputStream> response;
    try {
      response = http().send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new SourceUnavailableException(uri, "timed out after " + timeout.toSeconds() + " s", e);
    } catch (IOException e) {
      throw new SourceUnavailableException(uri, e.toString(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceUnavailableException(uri, "interrupted", e);
    }
    if (response.statusCode() != 200) {
      response.body().close();
      throw new SourceUnavailableException(uri, "HTTP " + response.statusCode(), null);
    }
    return new SourceBody(
        response.body(), response.headers().firstValueAsLong("Content-Length"), response.headers().firstValue("ETag"));
  }

  private SourceBody openS3(URI uri) throws IOException {
    S3Location location;
    try {
      location = S3Location.parse(uri.toString());
    } catch (IllegalArgumentException e) {
      throw new SourceUnavailableException(uri, e.getMessage(), e);
    }
    try {
      ResponseInputStream<GetObjectResponse> in =
          s3.getObject(
              b -> {
                b.bucket(location.bucket()).key(location.key());
                if (requesterPays) {
                  b.requestPayer(RequestPayer.REQUESTER);
                }
              });
      GetObjectResponse r = in.response();
      return new SourceBody(
          in,
          r.contentLength() == null ? OptionalLong.empty() : OptionalLong.of(r.contentLength()),
          Optional.ofNullable(r.eTag()));
    } catch (S3Exception e) {
      String code = e.awsErrorDetails() != null ? " " + e.awsErrorDetails().errorCode() : "";
      throw new SourceUnavailableException(uri, "HTTP " + e.statusCode() + code, e);
    } catch (SdkException e) {
      throw new SourceUnavailableException(uri, e.getMessage(), e);
    }
  }
}
