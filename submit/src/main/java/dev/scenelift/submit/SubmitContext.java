package dev.scenelift.submit;

import dev.scenelift.engine.EntryPoints;
import dev.scenelift.source.Catalogs;
import dev.scenelift.source.SceneCatalog;
import dev.scenelift.source.SourceOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * What the commands take from the process they run in, made once in {@code main} (tests make their own).
 *
 * @param environment the process environment; the embedded engine's children start from it
 * @param home the user's home ({@code --data-dir} defaults to {@code <home>/.scenelift})
 * @param interactive stderr is a terminal: progress bars instead of plain lines
 * @param executor runs the embedded engine's children; its size is the parallelism bound. Owned by {@code main}
 * @param entryPoints the job entry points, loaded when a run starts
 * @param catalogs opens the catalog of a {@code --source}
 * @param clock run ids and timings
 * @param pollInterval how often a running run's progress is read
 */
public record SubmitContext(
    Map<String, String> environment,
    Path home,
    boolean interactive,
    ExecutorService executor,
    Supplier<EntryPoints> entryPoints,
    CatalogFactory catalogs,
    Clock clock,
    Duration pollInterval) {

  public SubmitContext {
    environment = Map.copyOf(environment);
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(executor, "executor");
    Objects.requireNonNull(entryPoints, "entryPoints");
    Objects.requireNonNull(catalogs, "catalogs");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(pollInterval, "pollInterval");
  }

  /** This process: its environment, home, terminal, and the entry points and catalogs on its class path. */
  static SubmitContext ofThisProcess(ExecutorService executor) {
    ClassLoader loader = SubmitContext.class.getClassLoader();
    return new SubmitContext(
        System.getenv(),
        Path.of(System.getProperty("user.home")),
        System.console() != null,
        executor,
        () -> EntryPoints.load(loader),
        Catalogs::forSource,
        Clock.systemUTC(),
        Duration.ofMillis(250));
  }

  /** Opens the catalog of a source URI. */
  @FunctionalInterface
  public interface CatalogFactory {
    /**
     * @throws IllegalArgumentException for a malformed or unsupported source
     */
    SceneCatalog open(String source, SourceOptions options);
  }
}
