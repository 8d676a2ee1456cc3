package dev.scenelift.source;

import dev.scenelift.catalog.EarthExplorerCsvReader;
import dev.scenelift.catalog.MalformedCatalogException;
import dev.scenelift.manifest.MalformedListException;
import dev.scenelift.scene.SceneId;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An EarthExplorer metadata export (CSV) as a scene list: one scene per row, named by its {@code Tile Identifier}
 * column. The parsing is {@link EarthExplorerCsvReader}'s; the same file feeds {@code --prefilter-max-cloud}.
 */
final class EarthExplorerSceneListReader implements SceneListReader {
  @Override
  public boolean accepts(String firstLine) {
    return firstLine.startsWith(EarthExplorerCsvReader.TILE_IDENTIFIER + ",")
        || firstLine.startsWith("\"" + EarthExplorerCsvReader.TILE_IDENTIFIER + "\",")
        || firstLine.startsWith("\uFEFF" + EarthExplorerCsvReader.TILE_IDENTIFIER + ",");
  }

  @Override
  public List<ListedScene> read(Path file) throws IOException {
    List<SceneId> ids;
    try {
      ids = new EarthExplorerCsvReader().sceneIds(file);
    } catch (MalformedCatalogException e) {
      throw new MalformedListException(file.toString(), 1, e.getMessage());
    }
    List<ListedScene> out = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      out.add(ListedScene.wholeScene(ids.get(i), i + 2)); // line 1 is the header
    }
    return out;
  }
}
