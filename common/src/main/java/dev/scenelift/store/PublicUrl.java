package dev.scenelift.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;

/**
 * The public http(s) URL at which a tree of the store is served (e.g. the COG tree of a public bucket,
 * {@code https://BUCKET.s3.REGION.amazonaws.com/cog/}), so documents can carry absolute links. Always ends with '/'.
 *
 * @param uri an absolute http or https URL of a folder, without query or fragment
 */
public record PublicUrl(URI uri) {
  public PublicUrl {
    Objects.requireNonNull(uri, "uri");
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("public URL must be http:// or https://, not '" + uri + "'");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("public URL has no host: '" + uri + "'");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("public URL must have no query or fragment: '" + uri + "'");
    }
    if (!uri.getRawPath().endsWith("/")) {
      throw new IllegalArgumentException("public URL must end with '/': '" + uri + "'");
    }
  }

  /** Parses a URL; a missing trailing slash is added (the URL names a folder). */
  public static PublicUrl parse(String text) {
    Objects.requireNonNull(text, "text");
    String s = text.strip();
    try {
      URI u = new URI(s);
      if (u.getRawQuery() == null && u.getRawFragment() == null && u.getRawPath() != null
          && !u.getRawPath().endsWith("/")) {
        u = new URI(s + "/");
      }
      return new PublicUrl(u);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: '" + text + "': " + e.getReason(), e);
    }
  }

  /** The URL of a path below this one; {@code encodedPath} is relative, its segments already percent-encoded. */
  public String resolve(String encodedPath) {
    if (encodedPath.startsWith("/") || URI.create(encodedPath).isAbsolute()) {
      throw new IllegalArgumentException("not a relative path: '" + encodedPath + "'");
    }
    return uri + encodedPath;
  }

  @Override
  public String toString() {
    return uri.toString();
  }
}
