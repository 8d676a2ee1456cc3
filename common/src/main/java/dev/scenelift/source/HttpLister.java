package dev.scenelift.source;

import dev.scenelift.scene.BundleName;
import dev.scenelift.scene.Tile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A directory served over HTTP(S) as USGS's {@code l2-ard-tiles/<tile>/} was: {@code <tile>.md5_list} names the
 * bundles, which sit beside it. Sizes are unknown (-1): asking for each would cost a request per bundle.
 */
final class HttpLister implements BundleLister {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final HttpClient client;

  HttpLister(URI base, HttpClient client) {
    String s = base.toString();
    this.base = URI.create(s.endsWith("/") ? s : s + "/");
    this.client = client;
  }

  static HttpClient defaultClient() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  @Override
  public URI base() {
    return base;
  }

  @Override
  public List<BundleRow> rows(Tile tile) throws IOException {
    URI listUri = base.resolve(BundleFiles.md5ListName(tile));
    String text = fetch(listUri);
    Md5Index md5s = new Md5Index();
    md5s.addList(text, listUri.toString());
    List<BundleRow> rows = new ArrayList<>();
    for (String name : md5s.names()) {
      rows.add(new BundleRow(BundleName.parse(name), base.resolve(name), md5s.md5(name), -1, listUri.toString()));
    }
    return rows;
  }

  private String fetch(URI uri) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceUnavailableException(uri, "interrupted", e);
    } catch (IOException e) {
      String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      throw new SourceUnavailableException(uri, "unreachable (" + why + ")", e);
    }
    int status = response.statusCode();
    if (status == 404 || status == 410) {
      throw new MissingListingException(uri, "HTTP " + status);
    }
    if (status != 200) {
      throw new SourceUnavailableException(uri, "HTTP " + status, null);
    }
    return response.body();
  }
}
