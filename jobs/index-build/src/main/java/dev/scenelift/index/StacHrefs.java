package dev.scenelift.index;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scenelift.stac.StacLinks;
import dev.scenelift.store.PublicUrl;
import dev.scenelift.store.S3Location;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The hrefs between index-build's STAC documents. Without a public URL the catalog is self-contained: relative links
 * and no {@code self} (STAC requires self links to be absolute). With one (the URL at which the COG tree is served)
 * it is an absolute published catalog: every structural link and every document's {@code self} is an absolute URL
 * under it.
 */
final class StacHrefs {
  private final OutputNames names;
  private final Optional<PublicUrl> publicUrl;

  StacHrefs(OutputNames names, Optional<PublicUrl> publicUrl) {
    this.names = names;
    this.publicUrl = publicUrl;
  }

  /**
   * The hrefs as they were when {@code document} at {@code at} was written: under the public URL its {@code self}
   * link names, or self-contained when it has none. A later run may serve the tree elsewhere (or nowhere), and reads
   * an earlier run's links with these.
   */
  StacHrefs asWritten(S3Location at, JsonNode document) {
    Optional<String> relative = relativeInCogTree(at);
    for (JsonNode l : document.path("links")) {
      if ("self".equals(l.path("rel").asText()) && relative.isPresent()) {
        String self = l.path("href").asText();
        String suffix = UrlPaths.encode(relative.get());
        if (self.endsWith(suffix)) {
          try {
            return new StacHrefs(names, Optional.of(PublicUrl.parse(self.substring(0, self.length() - suffix.length()))));
          } catch (IllegalArgumentException e) {
            break; // not a URL we could have written: read its links as self-contained
          }
        }
      }
    }
    return new StacHrefs(names, Optional.empty());
  }

  private Optional<String> relativeInCogTree(S3Location loc) {
    S3Location root = names.layout().cog();
    if (!loc.bucket().equals(root.bucket()) || !loc.key().startsWith(root.key())) {
      return Optional.empty();
    }
    return Optional.of(loc.key().substring(root.key().length()));
  }

  /** The href from the document at {@code from} to the document at {@code to}. */
  String link(S3Location from, S3Location to) {
    return url(to).orElseGet(() -> OutputNames.relative(from, to));
  }

  /** The public URL of a location in the COG tree; empty without a public URL or outside the tree. */
  Optional<String> url(S3Location loc) {
    if (publicUrl.isEmpty()) {
      return Optional.empty();
    }
    return relativeInCogTree(loc).map(rest -> publicUrl.get().resolve(UrlPaths.encode(rest)));
  }

  StacLinks catalog() {
    S3Location catalog = names.stacCatalog();
    return new StacLinks(link(catalog, catalog), link(catalog, catalog), url(catalog));
  }

  StacLinks collection(S3Location collection) {
    S3Location catalog = names.stacCatalog();
    return new StacLinks(link(collection, catalog), link(collection, catalog), url(collection));
  }

  StacLinks item(S3Location item, S3Location collection) {
    return new StacLinks(link(item, names.stacCatalog()), link(item, collection), url(item));
  }

  /**
   * Where an href written in an earlier document at {@code from} points: relative ones and those under the current
   * public URL are found again; an absolute URL elsewhere (another public URL than today's) is not ours to map.
   */
  Optional<S3Location> target(S3Location from, String href) {
    S3Location root = names.layout().cog();
    if (publicUrl.isPresent() && href.startsWith(publicUrl.get().toString())) {
      String rest = URLDecoder.decode(href.substring(publicUrl.get().toString().length()), StandardCharsets.UTF_8);
      return Optional.of(new S3Location(root.bucket(), root.key() + rest));
    }
    try {
      URI uri = URI.create(href);
      if (uri.isAbsolute()) {
        return uri.getScheme().equals("s3") ? Optional.of(S3Location.parse(href)) : Optional.empty();
      }
      URI base = URI.create("s3://" + from.bucket() + "/" + UrlPaths.encode(from.key()));
      URI resolved = base.resolve(uri);
      return Optional.of(new S3Location(resolved.getHost(), resolved.getPath().substring(1)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
