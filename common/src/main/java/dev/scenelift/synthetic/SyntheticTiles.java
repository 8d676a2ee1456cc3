package dev.scenelift.synthetic;

import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.BundleName;
import dev.scenelift.scene.Collection;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in source's scenes: realistic Collection 1 ARD bundles (real GeoTIFFs in the CONUS ARD Albers grid, USGS
 * v1.1 XML) or Collection 2 ones (COGs named and encoded as C2's, C2 XML) generated once per tile, size, generator
 * version and collection under {@code <data-dir>/synthetic/<tile>/<size>-g<version>[-c2]/} and reused after.
 *
 * <p>The folder looks like a USGS bulk download: {@code <id>_<SR|TA|BT|QA>.tar} (C2 {@code <id>_<SR|ST|TOA|BT|QA>.tar}),
 * a {@code <bundle>.md5} beside each,
 * and {@code <tile>.md5_list} over all of them, plus a {@code <id>.recipe} stamp per scene. A scene counts as done
 * when its tars, their {@code .md5}s and a stamp equal to its current recipe exist (the md5 is written after the
 * tar is renamed into place, the stamp last), so an interrupted generation resumes with the missing scenes and a
 * changed recipe regenerates its scene. Generations of one folder are serialized by a file lock. {@link #preview}
 * only reads.
 *
 * <p>Rasters are {@code size} x {@code size} pixels covering the whole 150 km tile: 30 m pixels at the default 5000;
 * a smaller size gives coarser pixels over the same ground.
 */
public final class SyntheticTiles {
  /** The most scenes {@code synthetic:N} may ask for. */
  public static final int MAX_SCENES = 3000;

  /**
   * Names the cache folder. Bump it when the output changes in a way the recipes do not show (pixel model, renderer,
   * bands, XML): a recipe change alone is caught by each scene's stamp.
   */
  static final int GENERATOR_VERSION = 3;

  private static final Logger LOG = LoggerFactory.getLogger(SyntheticTiles.class);

  private final Path root;
  private final int size;
  private final Collection collection;

  /**
   * Collection 1 scenes.
   *
   * @param dataDir the local data directory; scenes go under {@code dataDir/synthetic}
   * @param size pixels per side, 16–5000
   */
  public SyntheticTiles(Path dataDir, int size) {
    this(dataDir, size, Collection.C1);
  }

  /**
   * @param dataDir the local data directory; scenes go under {@code dataDir/synthetic}
   * @param size pixels per side, 16–5000
   * @param collection the collection whose bundles to make (C2: its five tars of COGs and C2 XML)
   */
  public SyntheticTiles(Path dataDir, int size, Collection collection) {
    this.root = Objects.requireNonNull(dataDir, "dataDir").resolve("synthetic");
    if (size < 16 || size > 5000) {
      throw new IllegalArgumentException("synthetic size must be 16–5000, got " + size);
    }
    this.size = size;
    this.collection = Objects.requireNonNull(collection, "collection");
  }

  public Collection collection() {
    return collection;
  }

  /**
   * A folder of synthetic bundles and the scenes asked of it (it may hold more from an earlier, larger request).
   *
   * @param dir the folder
   * @param scenes the scenes asked for, in plan order
   * @param generated those of them whose bundles are in the folder, finished and of their current recipe
   */
  public record Folder(Path dir, List<SceneId> scenes, Set<SceneId> generated) {
    public Folder {
      Objects.requireNonNull(dir, "dir");
      scenes = List.copyOf(scenes);
      generated = Set.copyOf(generated);
      if (!scenes.containsAll(generated)) {
        throw new IllegalArgumentException("generated scenes must be among the scenes asked for");
      }
    }
  }

  public Path root() {
    return root;
  }

  /**
   * The folder a tile's scenes go to: one per tile, size, {@link #GENERATOR_VERSION} and collection ({@code
   * <size>-g<version>}, C2 {@code <size>-g<version>-c2}).
   */
  public Path dir(Tile tile) {
    String suffix = collection == Collection.C1 ? "" : "-" + collection.name().toLowerCase(java.util.Locale.ROOT);
    return root.resolve(tile.toString()).resolve(size + "-g" + GENERATOR_VERSION + suffix);
  }

  /**
   * The first {@code count} synthetic scenes of the tile and which of them are already generated, without writing
   * anything (not even the folder): what a dry run lists.
   */
  public Folder preview(Tile tile, int count) {
    checkCount(count);
    Path dir = dir(tile);
    List<SceneRecipe> plan = SyntheticPlan.plan(tile, count, collection);
    Set<SceneId> generated = new HashSet<>();
    for (SceneRecipe recipe : plan) {
      if (complete(dir, recipe)) {
        generated.add(recipe.id());
      }
    }
    return new Folder(dir, plan.stream().map(SceneRecipe::id).toList(), generated);
  }

  private static void checkCount(int count) {
    if (count < 1 || count > MAX_SCENES) {
      throw new IllegalArgumentException("synthetic scene count must be 1–" + MAX_SCENES + ", got " + count);
    }
  }

  /** Makes sure the first {@code count} synthetic scenes of the tile exist, generating only the missing ones. */
  public Folder ensure(Tile tile, int count) throws IOException {
    checkCount(count);
    Path dir = dir(tile);
    pruneOtherGenerations(tile);
    Files.createDirectories(dir);
    List<SceneRecipe> plan = SyntheticPlan.plan(tile, count, collection);
    try (FileChannel channel =
            FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock()) {
      boolean wrote = false;
      for (SceneRecipe recipe : plan) {
        if (!complete(dir, recipe)) {
          long start = System.nanoTime();
          generate(recipe, dir);
          SceneWriter.writeAtomically(stampFile(dir, recipe.id()), recipe.stamp());
          LOG.info("generated synthetic scene {} ({}x{}) in {} s", recipe.id(), size, size,
              String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
          wrote = true;
        }
      }
      Path list = dir.resolve(tile + ".md5_list");
      if (wrote || !Files.exists(list)) {
        writeMd5List(dir, list);
      }
    }
    List<SceneId> ids = plan.stream().map(SceneRecipe::id).toList();
    return new Folder(dir, ids, Set.copyOf(ids));
  }

  /**
   * Removes the tile's folders made by other generator versions ({@code <any size>-g<other>}): nothing reads them
   * again, and at the default size each holds about 1.5 GB.
   */
  private void pruneOtherGenerations(Tile tile) throws IOException {
    Path tileDir = root.resolve(tile.toString());
    if (!Files.isDirectory(tileDir)) {
      return;
    }
    String current = "-g" + GENERATOR_VERSION;
    List<Path> stale;
    try (Stream<Path> folders = Files.list(tileDir)) {
      stale =
          folders
              .filter(Files::isDirectory)
              .filter(f -> f.getFileName().toString().matches("\\d+-g\\d+(-c2)?"))
              .filter(f -> !f.getFileName().toString().matches("\\d+" + current + "(-c2)?"))
              .toList();
    }
    for (Path folder : stale) {
      try (Stream<Path> tree = Files.walk(folder)) {
        for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
        LOG.info("removed synthetic scenes of an older generator: {}", folder);
      } catch (NoSuchFileException e) {
        // another run removed it first
      }
    }
  }

  /** Generates one scene with a pool as large as the machine, shut down before returning. */
  private void generate(SceneRecipe recipe, Path dir) throws IOException {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService workers = Executors.newFixedThreadPool(threads);
    try {
      new SceneWriter(recipe, size, workers, threads).write(dir);
    } finally {
      workers.shutdownNow();
    }
  }

  /** Whether the scene's bundles and md5s are in place, stamped with the recipe they were made from. Reads only. */
  private static boolean complete(Path dir, SceneRecipe recipe) {
    SceneId id = recipe.id();
    for (Bundle b : Bundle.of(id.collection())) {
      String name = BundleName.of(id, b).toString();
      if (!Files.isRegularFile(dir.resolve(name)) || !Files.isRegularFile(dir.resolve(id + "_" + b + ".md5"))) {
        return false;
      }
    }
    Path stamp = stampFile(dir, id);
    try {
      return Files.isRegularFile(stamp) && Files.readString(stamp, StandardCharsets.UTF_8).equals(recipe.stamp());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + stamp, e);
    }
  }

  private static Path stampFile(Path dir, SceneId id) {
    return dir.resolve(id + ".recipe");
  }

  /** {@code <tile>.md5_list}: every bundle's md5 line, by file name, tab-separated as USGS lists are. */
  private static void writeMd5List(Path dir, Path list) throws IOException {
    StringBuilder text = new StringBuilder();
    List<Path> md5Files;
    try (Stream<Path> s = Files.list(dir)) {
      md5Files = s.filter(p -> p.getFileName().toString().endsWith(".md5")).sorted().toList();
    }
    for (Path p : md5Files) {
      String[] parts = Files.readString(p, StandardCharsets.UTF_8).strip().split("\\s+", 2);
      text.append(parts[0]).append('\t').append(parts[1]).append('\n');
    }
    SceneWriter.writeAtomically(list, text.toString());
  }
}
