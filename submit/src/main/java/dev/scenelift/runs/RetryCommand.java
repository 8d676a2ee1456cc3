package dev.scenelift.runs;

import dev.scenelift.batch.aws.ArraySizing;
import dev.scenelift.job.ExitCodes;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.SceneId;
import dev.scenelift.store.RunIds;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code submit-run retry <run-id>}: a new run (new id, new manifest, same source, layout and options) over only the
 * scenes of the old run that failed or never finished. Stages a scene already finished are skipped by the jobs
 * themselves (their markers exist).
 */
@Command(
    name = "retry",
    mixinStandardHelpOptions = true,
    description = "Starts a new run over the failed and unfinished scenes of a run. Any engine.",
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:the new run was submitted, or nothing needed retrying",
      "2:usage error, unknown run or bad configuration",
      "3:AWS (or the store) could not be reached"
    })
public final class RetryCommand extends RunCommand {
  /** Manifest option naming the run a retry came from. */
  public static final String RETRY_OF = "retry-of";

  @Parameters(index = "0", paramLabel = "RUN-ID", description = "The run whose failed scenes to run again.")
  String runId;

  @Option(
      names = "--scenes-per-task",
      paramLabel = "K",
      description = "Scenes per array child of the new run. Default: derived from the scene sizes.")
  Integer scenesPerTask;

  @Option(names = "--dry-run", description = "Show the new run's scenes without submitting. Default: ${DEFAULT-VALUE}.")
  boolean dryRun;

  private final RunLauncher launcher;
  private final Clock clock;

  public RetryCommand() {
    this(AwsRunEnvironment::openOrFail, new StageChain(java.util.Optional.empty(), Map.of()).launcher(), System.getenv(), Clock.systemUTC());
  }

  public RetryCommand(RunEnvironment.Opener opener, RunLauncher launcher, Map<String, String> environment, Clock clock) {
    super(opener, environment);
    this.launcher = launcher;
    this.clock = clock;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = out();
    return withRun(
        (env, reader) -> {
          RunManifest old = reader.manifest(runId);
          List<SceneOutcome> outcomes = reader.scenes(old);
          Set<SceneId> again =
              outcomes.stream()
                  .filter(o -> !o.state().isFinished())
                  .map(SceneOutcome::scene)
                  .collect(Collectors.toSet());
          if (again.isEmpty()) {
            out.printf("run %s: every scene finished; nothing to retry%n", runId);
            out.flush();
            return ExitCodes.OK;
          }
          RunManifest retry = plan(old, again);
          long failed = outcomes.stream().filter(o -> o.state() == SceneOutcome.State.FAILED).count();
          out.printf(
              "retry %s of %s: %d scenes (%d failed, %d unfinished), %d per task, %d task(s)%n",
              retry.runId(),
              runId,
              retry.scenes().size(),
              failed,
              retry.scenes().size() - failed,
              retry.scenesPerTask(),
              retry.split().taskCount());
          if (!dryRun) {
            List<String> ids = launcher.launch(retry, env);
            out.println("submitted jobs " + String.join(", ", ids));
          }
          out.println(retry.runId());
          out.flush();
          return ExitCodes.OK;
        });
  }

  private RunManifest plan(RunManifest old, Set<SceneId> again) {
    List<SceneEntry> scenes = old.scenes().stream().filter(e -> again.contains(e.id())).toList();
    Map<String, String> options = new HashMap<>(old.options());
    options.put(RETRY_OF, old.runId());
    return new RunManifest(
        RunIds.next(old.tile().toString(), clock.instant()),
        old.tile(),
        old.source(),
        clock.instant(),
        ArraySizing.scenesPerTask(
            scenes, scenesPerTask == null ? OptionalInt.empty() : OptionalInt.of(scenesPerTask)),
        old.layout(),
        scenes,
        options);
  }
}
