package dev.scenelift.engine;

import dev.scenelift.job.JobEntryPoint;
import dev.scenelift.scene.Stage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Predicate;

/**
 * The job entry points registered through {@link ServiceLoader} ({@code
 * META-INF/services/dev.scenelift.job.JobEntryPoint}), by stage: the same ones the images' {@code main}s call.
 * Entry points are shared by concurrent children, so they must keep no per-run state.
 */
public final class EntryPoints {
  private static final String REGISTRATION = "META-INF/services/" + JobEntryPoint.class.getName();

  private final Map<Stage, List<JobEntryPoint>> byStage;

  private EntryPoints(Map<Stage, List<JobEntryPoint>> byStage) {
    this.byStage = byStage;
  }

  /** Every entry point registered on the class path of {@code loader}. */
  public static EntryPoints load(ClassLoader loader) {
    return load(loader, type -> true);
  }

  /**
   * The registered entry points whose class passes {@code include}; classes that do not pass are not instantiated.
   */
  public static EntryPoints load(ClassLoader loader, Predicate<Class<? extends JobEntryPoint>> include) {
    Map<Stage, List<JobEntryPoint>> byStage = new EnumMap<>(Stage.class);
    ServiceLoader.load(JobEntryPoint.class, loader).stream()
        .filter(provider -> include.test(provider.type()))
        .map(ServiceLoader.Provider::get)
        .forEach(ep -> byStage.computeIfAbsent(ep.stage(), s -> new ArrayList<>()).add(ep));
    byStage.replaceAll((stage, list) -> List.copyOf(list));
    return new EntryPoints(byStage);
  }

  /**
   * The one entry point of a stage.
   *
   * @throws MissingEntryPointException when none or more than one is registered, naming the stage and the fix
   */
  public JobEntryPoint forStage(Stage stage) throws MissingEntryPointException {
    List<JobEntryPoint> found = byStage.getOrDefault(stage, List.of());
    if (found.isEmpty()) {
      throw new MissingEntryPointException(
          "no job entry point is registered for stage "
              + stage
              + " (the "
              + stage.jobName()
              + " module must be on the class path and list its JobEntryPoint in "
              + REGISTRATION
              + ")");
    }
    if (found.size() > 1) {
      throw new MissingEntryPointException(
          "more than one job entry point is registered for stage "
              + stage
              + ": "
              + found.stream().map(ep -> ep.getClass().getName()).toList());
    }
    return found.get(0);
  }

  /** Thrown when a stage has no (or no unique) entry point; a retry cannot fix it. */
  public static final class MissingEntryPointException extends Exception {
    MissingEntryPointException(String message) {
      super(message);
    }
  }
}
