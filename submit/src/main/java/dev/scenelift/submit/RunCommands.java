package dev.scenelift.submit;

import dev.scenelift.batch.JobState;
import dev.scenelift.batch.aws.AwsOptions;
import dev.scenelift.batch.aws.AwsRunConfig;
import dev.scenelift.cog.ValidateCommand;
import dev.scenelift.listen.ListenCommand;
import dev.scenelift.runs.AwsRunEnvironment;
import dev.scenelift.runs.RetryCommand;
import dev.scenelift.runs.RunEnvironment;
import dev.scenelift.runs.RunJobVariables;
import dev.scenelift.runs.RunLauncher;
import dev.scenelift.runs.StageChain;
import dev.scenelift.runs.StatusCommand;
import dev.scenelift.runs.WatchCommand;
import dev.scenelift.scene.Stage;
import dev.scenelift.store.S3Settings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * The subcommands of {@code submit-run}: {@code status}, {@code watch}, {@code retry}, {@code listen}, {@code
 * validate} and {@code serve}. Each opens the AWS environment when a job queue is configured, else the embedded one: the store started
 * on {@code --data-dir} (and {@code --port}) and the embedded engine, on which a retried run runs to its end before
 * the command returns. Closing stops the store {@code validate} started, if any.
 */
final class RunCommands implements AutoCloseable {
  private final SubmitContext context;
  private final CommandLine root;
  private EmbeddedEnvironment validateStore;

  /**
   * @param root the top command, whose error stream shows an embedded retry's progress
   */
  RunCommands(SubmitContext context, CommandLine root) {
    this.context = context;
    this.root = root;
  }

  void addTo(CommandLine cmd) {
    StoreOptions status = new StoreOptions();
    cmd.addSubcommand(
        "status", withStore(new StatusCommand(opener(status), context.environment()), status));
    StoreOptions watch = new StoreOptions();
    cmd.addSubcommand("watch", withStore(new WatchCommand(opener(watch), context.environment()), watch));
    StoreOptions retry = new StoreOptions();
    cmd.addSubcommand(
        "retry",
        withStore(new RetryCommand(opener(retry), launcher(), context.environment(), context.clock()), retry));
    StoreOptions listen = new StoreOptions();
    cmd.addSubcommand(
        "listen",
        withStore(
            new ListenCommand(
                opener(listen),
                launcher(),
                ListenCommand::queueClient,
                context.environment(),
                context.clock()),
            listen));
    StoreOptions validate = new StoreOptions();
    AwsOptions validateAws = new AwsOptions();
    CommandLine validateCmd = withStore(new ValidateCommand(() -> s3For(validateAws, validate)), validate);
    validateCmd.addMixin("aws", validateAws);
    validateCmd
        .getCommandSpec()
        .usageMessage()
        .header("Checks that GeoTIFFs (s3:// prefixes or local files) are Cloud Optimized; exit 1 when one is not.");
    cmd.addSubcommand("validate", validateCmd);
    cmd.addSubcommand("serve", new ServeCommand(context));
  }

  private static CommandLine withStore(Object command, StoreOptions store) {
    CommandLine sub = new CommandLine(command);
    sub.addMixin("store", store);
    return sub;
  }

  /** AWS when a job queue is configured; otherwise the embedded environment on the command's data directory. */
  private RunEnvironment.Opener opener(StoreOptions store) {
    return config ->
        config.onAws()
            ? AwsRunEnvironment.open(config)
            : EmbeddedEnvironment.open(context, store.dataDir(context.home()), store.port());
  }

  /**
   * On the embedded environment, runs the new run to its end; on AWS, submits it. Either way its jobs get the variables
   * the manifest records ({@link RunJobVariables}).
   */
  private RunLauncher launcher() {
    return (manifest, env) -> {
      if (env instanceof EmbeddedEnvironment embedded) {
        try (ProgressDisplay display = new ProgressDisplay.Lines(root.getErr())) {
          Map<Stage, JobState> states =
              new EmbeddedLauncher(false, RunJobVariables.of(manifest), context.pollInterval())
                  .runToEnd(manifest, embedded, display);
          return states.values().stream().map(JobState::jobId).toList();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while running " + manifest.runId(), e);
        }
      }
      return new StageChain(Optional.empty(), Map.of()).launcher().launch(manifest, env);
    };
  }

  /** S3 for {@code validate}: AWS when configured, else the embedded store, started on first use. */
  private synchronized S3Settings s3For(AwsOptions aws, StoreOptions store) {
    AwsRunConfig config = aws.resolve(context.environment());
    if (config.onAws() || config.rawBucket().isPresent()) {
      return config.s3();
    }
    if (validateStore == null) {
      validateStore = EmbeddedEnvironment.open(context, store.dataDir(context.home()), store.port());
    }
    return validateStore.storeSettings();
  }

  @Override
  public synchronized void close() {
    if (validateStore != null) {
      validateStore.close();
      validateStore = null;
    }
  }

  static List<String> names() {
    return List.of("status", "watch", "retry", "listen", "validate", "serve");
  }
}
