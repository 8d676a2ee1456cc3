package dev.scenelift.source;

import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Tile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A catalog made of a source's listing and, optionally, a {@code --scene-list} that restricts it (or names the scenes
 * when the source has no listing).
 */
final class ListingCatalog implements SceneCatalog {
  private final String source;
  private final BundleLister lister;
  private final Optional<Path> sceneList;
  private final SceneLists lists;

  ListingCatalog(String source, BundleLister lister, Optional<Path> sceneList, SceneLists lists) {
    this.source = source;
    this.lister = lister;
    this.sceneList = sceneList;
    this.lists = lists;
  }

  @Override
  public List<SceneEntry> list(Tile tile) throws IOException {
    Optional<SceneListRestriction> restriction = Optional.empty();
    if (sceneList.isPresent()) {
      Path file = sceneList.get();
      restriction = Optional.of(new SceneListRestriction(file, tile, lists.read(file)));
    }
    List<BundleRow> rows;
    try {
      rows = lister.rows(tile);
      if (restriction.isPresent()) {
        rows = restriction.get().restrict(rows);
      }
    } catch (MissingListingException e) {
      if (restriction.isEmpty()) {
        throw new SourceUnavailableException(
            e.listing(), e.reason() + ", no md5 list for tile " + tile + "; name the scenes with --scene-list FILE", e);
      }
      rows = restriction.get().rowsAt(lister.base());
    }
    return new SceneAssembler(source).assemble(tile, rows);
  }
}
