package dev.scenelift.index;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.scenelift.store.S3Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A read-only web view of a bucket store on loopback: {@code GET /<bucket>/<key>} answers with the object, fetched
 * with the caller's S3 client (signed on AWS). A bucket on AWS accepts only signed requests and relative links cannot
 * carry presigned query strings, and a store's own answer to a folder is an XML listing, not its AAlist.html: this is
 * how a browser opens AAlist.html and thumbindex.html of a run, read-only.
 *
 * <p>The caller owns the S3 client; {@link #close()} stops the server (closing twice is safe).
 */
public final class BucketGateway implements AutoCloseable {
  private final S3Client s3;
  private final HttpServer server;
  private final ExecutorService executor;
  private boolean closed;

  private BucketGateway(S3Client s3, int port) throws IOException {
    this.s3 = s3;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    this.executor = Executors.newFixedThreadPool(8);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts a gateway on loopback; {@code port} 0 picks a free one. */
  public static BucketGateway start(S3Client s3, int port) throws IOException {
    return new BucketGateway(s3, port);
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
      if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
        ex.sendResponseHeaders(405, -1);
        return;
      }
      String path = URLDecoder.decode(ex.getRequestURI().getRawPath().replace("+", "%2B"), StandardCharsets.UTF_8);
      int slash = path.indexOf('/', 1);
      if (slash < 0 || slash == path.length() - 1) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      String bucket = path.substring(1, slash);
      String key = path.substring(slash + 1);
      if (key.endsWith("/")) {
        key = key + OutputNames.LISTING_PAGE;
      }
      String k = key;
      try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(k))) {
        GetObjectResponse meta = in.response();
        if (meta.contentType() != null) {
          ex.getResponseHeaders().set("Content-Type", meta.contentType());
        }
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(200, head ? -1 : meta.contentLength());
        if (!head) {
          copy(in, ex.getResponseBody());
        }
      } catch (NoSuchKeyException e) {
        ex.sendResponseHeaders(404, -1);
      } catch (S3Exception e) {
        ex.sendResponseHeaders(e.statusCode() == 404 ? 404 : 502, -1);
      }
    }
  }

  private static void copy(InputStream in, OutputStream out) throws IOException {
    in.transferTo(out);
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
