package dev.scenelift.stac;

import java.util.Objects;
import java.util.Optional;

/**
 * The structural links of one STAC document: relative hrefs in a self-contained catalog, absolute ones (with an
 * absolute {@code self}) in a published catalog whose public URL is known. STAC requires {@code self} to be absolute,
 * so a self-contained catalog has none.
 *
 * @param root href of the root catalog
 * @param parent href of the parent (the root catalog itself for the root: the same as {@code root})
 * @param self the document's own absolute URL, when published
 */
public record StacLinks(String root, String parent, Optional<String> self) {
  public StacLinks {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(self, "self");
    self.ifPresent(
        s -> {
          if (!s.startsWith("http://") && !s.startsWith("https://")) {
            throw new IllegalArgumentException("a self link must be an absolute URL: " + s);
          }
        });
  }
}
