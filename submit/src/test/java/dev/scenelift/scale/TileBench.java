package dev.scenelift.scale;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scenelift.engine.EntryPoints;
import dev.scenelift.json.Json;
import dev.scenelift.scene.Tile;
import dev.scenelift.source.Catalogs;
import dev.scenelift.submit.SubmitContext;
import dev.scenelift.submit.SubmitRun;
import dev.scenelift.synthetic.SyntheticTiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One tile-scale run, as {@code submit-run --tile h03v03 --source synthetic:N} runs it on the embedded default: all four
 * real jobs over N synthetic scenes at a small pixel size, one scene per array child. The scenes are generated before
 * the clock starts (into a cache shared by the runs of {@code bench/tile/run}); the run itself is timed, with the peak
 * heap of this JVM and the SDK requests of every job. Prints one line:
 * {@code tile scenes=<n> seconds=<s> per_scene_ms=<x> peak_heap_mb=<y> requests=<r>}; exits 1 when the run did not end
 * with every scene done or excluded.
 *
 * <p>Usage: {@code TileBench SCENES SIZE WORK_DIR SYNTHETIC_CACHE}
 */
public final class TileBench {
  private TileBench() {}

  public static void main(String[] args) throws Exception {
    int scenes = Integer.parseInt(args[0]);
    int size = Integer.parseInt(args[1]);
    Path work = Path.of(args[2]);
    Path cache = Path.of(args[3]);
    Tile tile = Tile.parse("h03v03");

    long genStart = System.nanoTime();
    new SyntheticTiles(cache, size).ensure(tile, scenes);
    double genSeconds = (System.nanoTime() - genStart) / 1e9;
    Path dataDir = Files.createDirectories(work.resolve("run-" + scenes));
    Path link = dataDir.resolve("synthetic");
    if (!Files.exists(link)) {
      Files.createSymbolicLink(link, cache.toAbsolutePath().resolve("synthetic"));
    }

    int cores = Runtime.getRuntime().availableProcessors();
    ExecutorService executor = Executors.newFixedThreadPool(cores);
    try {
      ClassLoader loader = TileBench.class.getClassLoader();
      SubmitContext context =
          new SubmitContext(Map.of(), work, false, executor,
              () -> EntryPoints.load(loader, c -> !c.getName().startsWith("dev.scenelift.testjobs.")),
              Catalogs::forSource, Clock.systemUTC(), Duration.ofMillis(250));
      boolean counted = CountingInterceptor.registered();
      System.gc();
      ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
      long requestsBefore = CountingInterceptor.requests();
      long start = System.nanoTime();
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      var cmd = SubmitRun.commandLine(context);
      cmd.setOut(new PrintWriter(out, true));
      cmd.setErr(new PrintWriter(err, true));
      int exit = cmd.execute("--tile", tile.toString(), "--source", "synthetic:" + scenes, "--synthetic-size",
          Integer.toString(size), "--data-dir", dataDir.toString(), "--port", "0", "--json");
      double seconds = (System.nanoTime() - start) / 1e9;
      long requests = counted ? CountingInterceptor.requests() - requestsBefore : -1;
      long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .mapToLong(p -> p.getPeakUsage().getUsed())
          .sum();
      JsonNode summary = exit == 0 || exit == 1 ? Json.mapper().readTree(out.toString()) : null;
      if (summary != null) {
        for (JsonNode s : summary.get("stages")) {
          System.out.printf(Locale.ROOT, "  %-12s %-9s done=%d skipped=%d failed=%d excluded=%d not_run=%d%n",
              s.get("stage").asText(), s.get("jobStatus").asText(), s.get("done").asInt(), s.get("skipped").asInt(),
              s.get("failed").asInt(), s.get("excluded").asInt(), s.get("notProcessed").asInt());
        }
      }
      System.gc();
      long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      System.out.printf(Locale.ROOT, "  generated %d scenes at %d px in %.1f s (not timed below); heap after the run"
          + " and a GC %d MiB of max %d MiB%n", scenes, size, genSeconds, live >> 20,
          Runtime.getRuntime().maxMemory() >> 20);
      System.out.printf(Locale.ROOT, "tile scenes=%d seconds=%.1f per_scene_ms=%.0f peak_heap_mb=%d requests=%d%n",
          scenes, seconds, seconds * 1000 / scenes, peakHeap >> 20, requests);
      if (exit != 0) {
        System.err.println("run exited " + exit + ":\n" + err.toString().lines().limit(40).reduce("", (a, b) -> a + b
            + "\n"));
        System.exit(1);
      }
    } finally {
      executor.shutdownNow();
    }
    System.exit(0);
  }
}
