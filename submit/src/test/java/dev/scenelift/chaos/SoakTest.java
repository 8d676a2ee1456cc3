package dev.scenelift.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scenelift.json.Json;
import dev.scenelift.source.Catalogs;
import dev.scenelift.submit.SubmitContext;
import dev.scenelift.submit.SubmitRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * 200 tiny synthetic scenes through the real chain at full concurrency, after a warm-up run: no threads, open files
 * or heap are left behind, and every stage's counts (done + skipped + failed + excluded) add up to the scenes. Takes minutes, so it runs only with {@code
 * -Dscenelift.soak=true}.
 */
@EnabledIfSystemProperty(named = "scenelift.soak", matches = "true")
class SoakTest {
  private static final int SCENES = 200;

  @TempDir Path home;

  @Test
  void twoHundredScenesLeaveNoThreadsFilesOrHeapBehindAndTheCountsAddUp() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    try {
      JsonNode warm = run(executor, 20, home.resolve("warm"));
      assertCountsAddUp(warm, 20);
      Resources before = Resources.now();
      long started = System.nanoTime();
      JsonNode soak = run(executor, SCENES, home.resolve("soak"));
      double seconds = (System.nanoTime() - started) / 1e9;
      Resources after = Resources.now();
      System.out.printf("soak: %d scenes in %.1f s; after warm-up %s; after soak %s%n", SCENES, seconds, before, after);

      assertCountsAddUp(soak, SCENES);
      assertThat(after.threads()).as("threads").isLessThanOrEqualTo(before.threads() + 2);
      assertThat(after.openFiles()).as("open file descriptors").isLessThanOrEqualTo(before.openFiles() + 8);
      assertThat(after.heapBytes()).as("heap after GC").isLessThanOrEqualTo(before.heapBytes() + (48L << 20));
    } finally {
      executor.shutdownNow();
    }
  }

  private static void assertCountsAddUp(JsonNode summary, int scenes) {
    assertThat(summary.get("scenes").asInt()).isEqualTo(scenes);
    for (JsonNode stage : summary.get("stages")) {
      String name = stage.get("stage").asText();
      if (name.equals("index-build")) {
        continue; // one job over the whole tile; its counts are not per scene
      }
      int counted = stage.get("done").asInt() + stage.get("skipped").asInt() + stage.get("failed").asInt()
          + stage.get("excluded").asInt(); // excluded: cog-convert's cloudy scenes, skipped by design
      assertThat(counted).as("%s: done + skipped + failed + excluded", stage).isEqualTo(scenes);
      assertThat(stage.get("failed").asInt()).as("%s failed", name).isZero();
      assertThat(stage.get("notProcessed").asInt()).as("%s not processed", name).isZero();
    }
  }

  private JsonNode run(ExecutorService executor, int scenes, Path dataDir) throws Exception {
    SubmitContext context =
        new SubmitContext(Map.of(), home, false, executor, ChaosRun::realJobs, Catalogs::forSource, Clock.systemUTC(),
            Duration.ofMillis(200));
    CommandLine cmd = SubmitRun.commandLine(context);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int exit =
        cmd.execute("--tile", "h03v03", "--source", "synthetic:" + scenes, "--synthetic-size", "24", "--data-dir",
            dataDir.toString(), "--port", "0", "--json");
    assertThat(exit).as(err.toString()).isZero();
    return Json.mapper().readTree(out.toString());
  }

  /** What the process holds, after a settled GC. */
  record Resources(int threads, long openFiles, long heapBytes) {
    static Resources now() throws Exception {
      for (int i = 0; i < 3; i++) {
        System.gc();
        Thread.sleep(300);
      }
      long fds;
      try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
        fds = s.count();
      } catch (IOException e) {
        fds = -1;
      }
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      return new Resources(ManagementFactory.getThreadMXBean().getThreadCount(), fds, heap);
    }

    @Override
    public String toString() {
      return "threads=" + threads + " fds=" + openFiles + " heap=" + (heapBytes >> 20) + " MiB";
    }
  }
}
