package dev.scenelift.synthetic;

import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** placeholder */
public final class SyntheticTiles {
  public static final int MAX_SCENES = 500;
  private final Path root;
  private final int size;

  public SyntheticTiles(Path dataDir, int size) {
    this.root = dataDir.resolve("synthetic");
    this.size = size;
  }

  public record Folder(Path dir, List<SceneId> scenes) {}

  public Path root() {
    return root;
  }

  public Folder ensure(Tile tile, int count) throws IOException {
    throw new UnsupportedOperationException();
  }
}
