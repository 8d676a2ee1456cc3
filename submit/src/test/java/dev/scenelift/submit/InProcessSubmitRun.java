package dev.scenelift.submit;

import dev.scenelift.engine.EntryPoints;
import dev.scenelift.scene.Tile;
import dev.scenelift.source.Catalogs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine;

/**
 * {@code submit-run} in the test's JVM with the real jobs (not the scripted stand-ins of {@code
 * dev.scenelift.testjobs}) on the embedded engine, its output captured. The caller closes it (its executor).
 */
public final class InProcessSubmitRun implements AutoCloseable {
  /** What one command did. */
  public record Result(int exit, String out, String err) {}

  private final Path home;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);

  /** @param home the user's home directory as submit-run sees it */
  public InProcessSubmitRun(Path home) {
    this.home = home;
  }

  public Result run(String... args) {
    SubmitContext context =
        new SubmitContext(Map.of(), home, false, executor,
            () -> EntryPoints.load(getClass().getClassLoader(),
                type -> !type.getPackageName().equals("dev.scenelift.testjobs")),
            Catalogs::forSource, Clock.systemUTC(), Duration.ofMillis(50));
    return execute(context, args);
  }

  /** Runs submit-run once with {@code context}, keeping what it prints. */
  public static Result execute(SubmitContext context, String... args) {
    CommandLine cmd = SubmitRun.commandLine(context);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int exit = cmd.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  /**
   * Publishes a bundle's new md5 where a bulk download folder has it: the bundle's {@code .md5} file and the tile's
   * md5 list.
   */
  public static void republishMd5(Path source, Tile tile, String bundle, String md5) throws IOException {
    String stem = bundle.substring(0, bundle.length() - ".tar".length());
    Path md5File = source.resolve(stem + ".md5");
    String old = Files.readString(md5File, StandardCharsets.UTF_8).strip().split("\\s+")[0];
    Files.writeString(md5File, Files.readString(md5File).replace(old, md5));
    Path list = source.resolve(tile + ".md5_list");
    Files.writeString(list, Files.readString(list).replace(old, md5));
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
