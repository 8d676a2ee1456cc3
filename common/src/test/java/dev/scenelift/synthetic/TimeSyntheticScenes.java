package dev.scenelift.synthetic;

import dev.scenelift.scene.Tile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Times the generation of synthetic scenes (not a test): {@code <data-dir> <size> <count> [tile]}. Prints seconds per
 * scene and every bundle's size.
 */
public final class TimeSyntheticScenes {
  private TimeSyntheticScenes() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    int size = Integer.parseInt(args[1]);
    int count = Integer.parseInt(args[2]);
    Tile tile = Tile.parse(args.length > 3 ? args[3] : "h03v03");
    SyntheticTiles tiles = new SyntheticTiles(data, size);
    long start = System.nanoTime();
    SyntheticTiles.Folder folder = tiles.ensure(tile, count);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf("%d scene(s) %dx%d in %.1f s: %.1f s/scene%n", count, size, size, seconds, seconds / count);
    try (Stream<Path> s = Files.list(folder.dir())) {
      for (Path p : s.filter(p -> p.toString().endsWith(".tar")).sorted().toList()) {
        System.out.printf("%8.1f MB  %s%n", Files.size(p) / 1e6, p.getFileName());
      }
    }
  }
}
