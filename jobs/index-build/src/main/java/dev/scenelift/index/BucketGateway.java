package dev.scenelift.index;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scenelift.store.S3Location;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A read-only web view of a bucket store on loopback, readable by browsers, web maps and GDAL's {@code /vsicurl/}:
 * {@code GET /<bucket>/<key>} answers with the object through the caller's S3 client (signed on AWS, where a bucket
 * accepts only signed requests and relative links cannot carry presigned query strings), and a folder with its
 * AAlist.html rather than the store's XML listing.
 *
 * <ul>
 *   <li>{@code Range: bytes=...} is answered 206 with Content-Range from a ranged GetObject (the object is never read
 *       whole for a range); several ranges get the one range spanning them; none satisfiable: 416 with {@code
 *       Content-Range: bytes *}{@code /size}. Every object answer says {@code Accept-Ranges: bytes}.
 *   <li>HEAD answers from HeadObject: Content-Length, Content-Type, ETag, Last-Modified.
 *   <li>CORS for any origin: every answer carries {@code Access-Control-Allow-Origin: *} and exposes the range
 *       headers; a preflight OPTIONS is answered 204, allowing GET and HEAD with a Range header.
 * </ul>
 *
 * <p>Each request is passed to the access log given at start as its answer's headers are sent, before its body. The caller owns the S3 client; {@link #close()}
 * stops the server (closing twice is safe).
 */
public final class BucketGateway implements AutoCloseable {
  static final String ALLOWED_METHODS = "GET, HEAD, OPTIONS";
  static final String ALLOWED_REQUEST_HEADERS = "Range";
  static final String EXPOSED_HEADERS = "Accept-Ranges, Content-Length, Content-Range, ETag, Last-Modified";
  /** How long a browser may keep a preflight's answer. */
  static final String PREFLIGHT_MAX_AGE_SECONDS = "86400";

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private final S3Client s3;
  private final Consumer<ServedRequest> log;
  private final HttpServer server;
  private final ExecutorService executor;
  private boolean closed;

  private BucketGateway(S3Client s3, int port, Consumer<ServedRequest> log) throws IOException {
    this.s3 = s3;
    this.log = log;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    this.executor = Executors.newFixedThreadPool(8);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a gateway on loopback; {@code port} 0 picks a free one. */
  public static BucketGateway start(S3Client s3, int port) throws IOException {
    return start(s3, port, r -> {});
  }

  /** As {@link #start(S3Client, int)}, passing each answered request to {@code log} (from the server's threads). */
  public static BucketGateway start(S3Client s3, int port, Consumer<ServedRequest> log) throws IOException {
    return new BucketGateway(s3, port, log);
  }

  /** The path of a location on any gateway: {@code /<bucket>/<key>}. */
  public static String pathOf(S3Location loc) {
    return "/" + loc.bucket() + "/" + UrlPaths.encode(loc.key());
  }

  /** The URL a browser opens for a location. */
  public URI url(S3Location loc) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathOf(loc));
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      ex.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
      ex.getResponseHeaders().set("Access-Control-Expose-Headers", EXPOSED_HEADERS);
      answer(ex, method, method.equals("GET") ? ex.getRequestHeaders().getFirst("Range") : null);
    }
  }

  /**
   * Logs the answer, then sends its status and headers: the log has each request before the client has the whole
   * answer.
   */
  private void commit(HttpExchange ex, int status, long length) throws IOException {
    String range = ex.getRequestMethod().equals("GET") ? ex.getRequestHeaders().getFirst("Range") : null;
    log.accept(new ServedRequest(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), range, status, length));
    ex.sendResponseHeaders(status, length == 0 ? -1 : length);
  }

  private void answer(HttpExchange ex, String method, String range) throws IOException {
    switch (method) {
      case "OPTIONS" -> {
        Headers h = ex.getResponseHeaders();
        h.set("Access-Control-Allow-Methods", ALLOWED_METHODS);
        h.set("Access-Control-Allow-Headers", ALLOWED_REQUEST_HEADERS);
        h.set("Access-Control-Max-Age", PREFLIGHT_MAX_AGE_SECONDS);
        h.set("Allow", ALLOWED_METHODS);
        commit(ex, 204, 0);
        return;
      }
      case "GET", "HEAD" -> {}
      default -> {
        ex.getResponseHeaders().set("Allow", ALLOWED_METHODS);
        commit(ex, 405, 0);
        return;
      }
    }
    Optional<S3Location> target = target(ex.getRequestURI());
    if (target.isEmpty()) {
      commit(ex, 404, 0);
      return;
    }
    S3Location loc = target.get();
    try {
      if (method.equals("HEAD")) {
        HeadObjectResponse meta = s3.headObject(b -> b.bucket(loc.bucket()).key(loc.key()));
        describe(ex.getResponseHeaders(), meta.contentType(), meta.eTag(), meta.lastModified());
        ex.getResponseHeaders().set("Content-Length", Long.toString(meta.contentLength()));
        commit(ex, 200, 0);
        return;
      }
      Optional<List<ByteRange>> ranges = ByteRange.parse(range);
      if (ranges.isEmpty() || ranges.get().size() == 1) {
        send(ex, loc, ranges.map(r -> r.get(0)));
        return;
      }
      long size = s3.headObject(b -> b.bucket(loc.bucket()).key(loc.key())).contentLength();
      Optional<ByteRange> span = ByteRange.spanning(ranges.get(), size);
      if (span.isPresent()) {
        send(ex, loc, span);
      } else {
        unsatisfiable(ex, size);
      }
    } catch (S3Exception e) {
      if (e.statusCode() == 416) {
        unsatisfiable(ex, s3.headObject(b -> b.bucket(loc.bucket()).key(loc.key())).contentLength());
      } else {
        commit(ex, e.statusCode() == 404 ? 404 : 502, 0);
      }
    }
  }

  /** The object a request names; a folder stands for its AAlist.html. */
  private static Optional<S3Location> target(URI uri) {
    String path = URLDecoder.decode(uri.getRawPath().replace("+", "%2B"), StandardCharsets.UTF_8);
    int slash = path.indexOf('/', 1);
    if (slash < 0 || slash == path.length() - 1) {
      return Optional.empty();
    }
    String key = path.substring(slash + 1);
    if (key.endsWith("/")) {
      key = key + OutputNames.LISTING_PAGE;
    }
    try {
      return Optional.of(new S3Location(path.substring(1, slash), key));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The object, or the part of it a range names, as S3 sends it. */
  private void send(HttpExchange ex, S3Location loc, Optional<ByteRange> range) throws IOException {
    try (ResponseInputStream<GetObjectResponse> in =
        s3.getObject(b -> b.bucket(loc.bucket()).key(loc.key()).range(range.map(ByteRange::header).orElse(null)))) {
      GetObjectResponse meta = in.response();
      Headers h = ex.getResponseHeaders();
      describe(h, meta.contentType(), meta.eTag(), meta.lastModified());
      // a store that ignores the range answers with the whole object, and so do we
      boolean partial = range.isPresent() && meta.contentRange() != null;
      if (partial) {
        h.set("Content-Range", meta.contentRange());
      }
      commit(ex, partial ? 206 : 200, meta.contentLength());
      try {
        in.transferTo(ex.getResponseBody());
      } catch (IOException e) {
        in.abort(); // the client went away: do not drain the rest of the object from the store
        throw e;
      }
    }
  }

  private void unsatisfiable(HttpExchange ex, long size) throws IOException {
    ex.getResponseHeaders().set("Content-Range", "bytes */" + size);
    ex.getResponseHeaders().set("Accept-Ranges", "bytes");
    commit(ex, 416, 0);
  }

  private static void describe(Headers h, String contentType, String etag, Instant lastModified) {
    h.set("Accept-Ranges", "bytes");
    if (contentType != null) {
      h.set("Content-Type", contentType);
    }
    if (etag != null) {
      h.set("ETag", etag);
    }
    if (lastModified != null) {
      h.set("Last-Modified", HTTP_DATE.format(lastModified));
    }
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      server.stop(0);
      executor.shutdownNow();
    }
  }
}
