package dev.scenelift.submit;

import dev.scenelift.job.ExitCodes;
import dev.scenelift.plan.PlanException;
import dev.scenelift.plan.RunPlan;
import dev.scenelift.plan.RunPlanner;
import dev.scenelift.plan.RunRequest;
import dev.scenelift.plan.TaskSizing;
import dev.scenelift.source.SceneCatalog;
import dev.scenelift.source.SourceOptions;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Settings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code submit-run}: plans a tile's run, writes its manifest and runs the four jobs, on the embedded engine (the
 * default) or AWS Batch. With {@code --tile} the top command runs a plan; later commands ({@code status}, {@code
 * watch}, {@code retry}, …) are subcommands in classes of their own, added in {@link #commandLine(SubmitContext)}.
 */
@Command(
    name = "submit-run",
    sortOptions = false,
    sortSynopsis = false,
    usageHelpWidth = 120,
    headerHeading = "",
    synopsisHeading = "Usage: ",
    descriptionHeading = "%n",
    description = {
      "Moves a tile's Landsat ARD scenes into S3 and makes them cloud-ready: plans the run (the scenes, "
          + "their split into"
          + " array tasks), writes the manifest, then runs fetch-scene -> cloud-filter -> cog-convert -> index-build as"
          + " array jobs chained N_TO_N.",
      "",
      "By default everything runs on this machine: an embedded S3-compatible store on 127.0.0.1 (objects are plain"
          + " files under <data-dir>/store/<bucket>/<key>) and an embedded engine with AWS Batch's semantics. Outputs:"
          + " s3://scenelift/raw/<tile>/ (bundles as fetched), s3://scenelift/cog/<tile>/ (cloud-optimized GeoTIFFs),"
          + " s3://scenelift/runs/<run-id>/ (manifests).",
    },
    optionListHeading = "%nOptions:%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every scene is done (or was already done)",
      "1:at least one scene failed; one line per failed scene names it and the cause",
      "2:usage error: a bad option or value",
      "3:the run could not start or finish: the source or the store is unreachable"
    },
    footerHeading = "%n",
    footer = {
      "Examples:",
      "  submit-run --tile h03v03",
      "  submit-run --tile h03v03 --source file:///data/ard --scenes-per-task 4 --dry-run"
    })
public final class SubmitRun implements Callable<Integer> {
  @Mixin RunOptions run;

  @Mixin StoreOptions store;

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      defaultValue = "local",
      description =
          "Where the jobs run: local (the embedded engine and store on this machine) or aws (AWS Batch; not "
              + "configured in this build). Default: ${DEFAULT-VALUE}.")
  Engine engine;

  @Option(
      names = "--dry-run",
      description =
          "Print the plan (scenes, tasks, bytes expected where known, the job graph) and stop: no store is "
              + "started, nothing is written.")
  boolean dryRun;

  @Mixin OutputOptions output;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

  @Spec CommandSpec spec;

  private final SubmitContext context;

  SubmitRun(SubmitContext context) {
    this.context = context;
  }

  /** Where the jobs run. */
  enum Engine {
    local,
    aws
  }

  public static void main(String[] args) {
    // The store's and the jobs' libraries log through slf4j-simple to stderr, where the progress goes: warnings only,
    // unless the user asks for more with -Dorg.slf4j.simpleLogger.defaultLogLevel=...
    if (System.getProperty(LOG_LEVEL) == null) {
      System.setProperty(LOG_LEVEL, "warn");
    }
    int cores = Runtime.getRuntime().availableProcessors();
    ExecutorService children = Executors.newFixedThreadPool(cores, daemonThreads("scenelift-child-"));
    int code;
    try {
      code = commandLine(SubmitContext.ofThisProcess(children)).execute(args);
    } finally {
      children.shutdownNow();
    }
    System.exit(code);
  }

  /** The command line with its subcommands and error handling: usage errors are one line and exit 2. */
  public static CommandLine commandLine(SubmitContext context) {
    CommandLine cmd = new CommandLine(new SubmitRun(context));
    CommandLine.Help.Ansi ansi = context.interactive() ? CommandLine.Help.Ansi.AUTO : CommandLine.Help.Ansi.OFF;
    cmd.setColorScheme(CommandLine.Help.defaultColorScheme(ansi));
    cmd.setParameterExceptionHandler(
        (e, args) -> {
          e.getCommandLine().getErr().println(oneLine("submit-run: " + e.getMessage() + " (see submit-run --help)"));
          return ExitCodes.USAGE;
        });
    cmd.setExecutionExceptionHandler(
        (e, c, parsed) -> {
          c.getErr().println(oneLine("submit-run: " + describe(e)));
          return ExitCodes.INFRASTRUCTURE;
        });
    return cmd;
  }

  @Override
  public Integer call() throws Exception {
    if (run.tile == null) {
      throw usage("Missing required option: '--tile=TILE'");
    }
    if (engine == Engine.aws) {
      throw usage("--engine aws: AWS Batch is not configured in this build; use --engine local (the default)");
    }
    RunRequest request;
    try {
      request = run.toRequest(run.tile);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    Path dataDir = store.dataDir(context.home());
    RunPlan plan = plan(request, dataDir);
    PrintWriter out = spec.commandLine().getOut();
    if (dryRun) {
      PlanReport report = new PlanReport(plan, engine.name());
      out.print(output.json ? report.json() : report.text());
      out.flush();
      return ExitCodes.OK;
    }
    return new EmbeddedRun(context, dataDir, store.port, output.json, run.force, run.requesterPays())
        .run(plan, out, spec.commandLine().getErr());
  }

  private RunPlan plan(RunRequest request, Path dataDir) throws IOException {
    SceneCatalog catalog;
    try {
      SourceOptions options =
          new SourceOptions(
              dataDir,
              S3Settings.aws(Optional.ofNullable(context.environment().get("AWS_REGION")))
                  .withRequesterPays(run.requesterPays()),
              run.syntheticSize,
              run.sceneList());
      catalog = context.catalogs().open(request.source(), options);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    try {
      return new RunPlanner(KeyLayout.inBucket(EmbeddedRun.BUCKET), TaskSizing.embedded(), context.clock())
          .plan(request, catalog);
    } catch (PlanException e) {
      throw usage(e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.toString() : message;
  }

  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", "; ");
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
