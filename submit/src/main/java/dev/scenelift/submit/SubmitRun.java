package dev.scenelift.submit;

import dev.scenelift.job.ExitCodes;
import dev.scenelift.plan.PlanException;
import dev.scenelift.plan.RunPlan;
import dev.scenelift.plan.RunPlanner;
import dev.scenelift.plan.RunRequest;
import dev.scenelift.plan.TaskSizing;
import dev.scenelift.batch.aws.ArraySizing;
import dev.scenelift.batch.aws.AwsConfigException;
import dev.scenelift.batch.aws.AwsDryRun;
import dev.scenelift.batch.aws.AwsOptions;
import dev.scenelift.batch.aws.AwsRunConfig;
import dev.scenelift.batch.aws.DryRunReport;
import dev.scenelift.catalog.MalformedCatalogException;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.runs.AwsRunEnvironment;
import dev.scenelift.runs.RunEnvironment;
import dev.scenelift.runs.RunJobVariables;
import dev.scenelift.runs.StageChain;
import dev.scenelift.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import dev.scenelift.manifest.CopyMode;
import dev.scenelift.source.Catalogs;
import dev.scenelift.source.SceneCatalog;
import dev.scenelift.source.StacSearch;
import java.util.HashMap;
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
 * default) or AWS Batch. With {@code --tile} the top command runs a plan; the other commands ({@code status}, {@code
 * watch}, {@code retry}, {@code listen}, {@code validate}) are subcommands in classes of their own, added in {@link
 * #commandLine(SubmitContext)}.
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
          + " files under <data-dir>/store/<bucket>/<key>) and an embedded engine with AWS Batch's semantics.",
      "",
      "Outputs: three collections, each with its thumbs/thumbindex.html and AAlist.html pages linking to the other two:"
          + " the full tile s3://scenelift/raw/<tile>/ (every scene as fetched), the cloud-free set"
          + " s3://scenelift/opt/<tile>/ (copies of the scenes passing the cloud-free rule), the COG research set"
          + " s3://scenelift/cog/<tile>/ (cloud-optimized GeoTIFFs of the scenes passing its rule, by default"
          + " \"Landsat 8, no fill, no clouds\"); on AWS three buckets or these prefixes of one (--layout). Manifests:"
          + " s3://scenelift/runs/<run-id>/.",
    },
    optionListHeading = "%nOptions:%n",
    commandListHeading = "%nCommands (each opens the AWS environment when a job queue is configured, else the embedded"
        + " store on --data-dir):%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every scene is done (or was already done)",
      "1:at least one scene failed; one line per failed scene names it and the cause",
      "2:usage error: a bad option or value, or bad AWS configuration",
      "3:the run could not start or finish: the source, the store or AWS is unreachable"
    },
    footerHeading = "%n",
    footer = {
      "Examples:",
      "  submit-run --tile h03v03",
      "  submit-run --tile h03v03 --source file:///data/ard --scenes-per-task 4 --dry-run",
      "  submit-run --tile h03v03 --source s3://bucket/ard --config tf-output.json --dry-run --json",
      "  submit-run --tile h03v03 --scene-list h03v03-earthexplorer-metadata.csv --prefilter-max-cloud 10 --dry-run",
      "  submit-run --tile h03v03 --stac https://landsatlook.usgs.gov/stac-server --since 2021-06-01 \\",
      "      --request-payer requester --source-region us-west-2 --config tf-output.json --dry-run",
      "  submit-run status h03v03-20261124t0530-3f2a",
      "  submit-run validate s3://scenelift/cog/h03v03/"
    })
public final class SubmitRun implements Callable<Integer> {
  @Mixin RunOptions run;

  @Mixin StacOptions stac;

  @Mixin CollectionOptions collections;

  @Mixin StoreOptions store;

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      description =
          "Where the jobs run: local (the embedded engine and store on this machine) or aws (AWS Batch, configured by"
              + " the AWS options). Default: aws when a job queue is configured, else local.")
  Engine engine;

  @Option(
      names = "--dry-run",
      description =
          "Print the plan (scenes, tasks, bytes expected where known, the job graph; on AWS also the exact SubmitJob"
              + " request bodies and the cost estimate) and stop: no store is started, nothing is written, no AWS"
              + " call is made. Default: off.")
  boolean dryRun;

  @Mixin OutputOptions output;

  @Mixin AwsOptions aws;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  private static final String LOG_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

  @Spec CommandSpec spec;

  /** The catalog the plan was listed from, for what it says about clouds (--prefilter-max-cloud with --stac). */
  private SceneCatalog listed;

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
    RunCommands commands = new RunCommands(context, cmd);
    commands.addTo(cmd);
    cmd.setExecutionStrategy(
        parsed -> {
          try {
            return new CommandLine.RunLast().execute(parsed);
          } finally {
            commands.close();
          }
        });
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
          return e instanceof AwsConfigException ? ExitCodes.USAGE : ExitCodes.INFRASTRUCTURE;
        });
    return cmd;
  }

  @Override
  public Integer call() throws Exception {
    if (run.tile == null) {
      throw usage("Missing required option: '--tile=TILE'");
    }
    AwsRunConfig config;
    try {
      config = aws.resolve(context.environment());
    } catch (AwsConfigException e) {
      throw usage(e.getMessage());
    }
    Engine chosen = engine != null ? engine : Engine.valueOf(config.defaultEngine());
    RunRequest request;
    Map<String, String> jobEnvironment;
    try {
      jobEnvironment = run.jobEnvironment(context.environment());
      Map<String, String> options = new HashMap<>(collections.toManifestOptions());
      options.putAll(RunJobVariables.toOptions(jobEnvironment));
      request = withSourceAndCopyMode(run.toRequest(run.tile, options), chosen == Engine.aws, config.region());
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    Path dataDir = store.dataDir(context.home());
    if (chosen == Engine.local && aws.layoutFlag().filter(AwsRunConfig.BUCKETS::equalsIgnoreCase).isPresent()) {
      throw usage("--layout buckets is for AWS: the embedded store keeps the three collections as raw/, opt/ and cog/"
          + " of its bucket");
    }
    KeyLayout layout;
    try {
      layout = chosen == Engine.aws ? config.layout() : KeyLayout.inBucket(EmbeddedRun.BUCKET);
    } catch (AwsConfigException e) {
      throw usage("--engine aws: " + e.getMessage());
    }
    TaskSizing sizing =
        chosen == Engine.aws
            ? scenes -> ArraySizing.scenesPerTask(scenes, OptionalInt.empty())
            : TaskSizing.embedded();
    S3Settings sourceS3 =
        chosen == Engine.aws
            ? config.s3()
            : S3Settings.aws(Optional.ofNullable(context.environment().get("AWS_REGION")));
    RunPlan plan = plan(request, dataDir, layout, sizing, sourceS3);
    PrintWriter out = spec.commandLine().getOut();
    Optional<PlanPrefilter.Prefiltered> prefiltered = prefilter(plan);
    if (prefiltered.isPresent()) {
      plan = prefiltered.get().plan();
      if (!dryRun) {
        spec.commandLine().getErr().println(prefiltered.get().lines());
        spec.commandLine().getErr().flush();
      }
    }
    if (dryRun) {
      out.print(
          chosen == Engine.aws
              ? awsDryRun(plan, config, jobEnvironment, prefiltered)
              : dryRun(plan, prefiltered));
      out.flush();
      return ExitCodes.OK;
    }
    if (chosen == Engine.aws) {
      // as the embedded run does: what the listing or search found (items skipped, scenes planned to fail)
      plan.notes().forEach(n -> spec.commandLine().getErr().println("note: " + n));
      return submitToAws(plan.manifest(), config, jobEnvironment, out);
    }
    return new EmbeddedRun(context, dataDir, store.port(), output.json, run.force, jobEnvironment)
        .run(plan, out, spec.commandLine().getErr());
  }

  /**
   * The request with its source ({@code stac:<url>} for {@code --stac}) and the {@link CopyMode} of its s3:// files in
   * its options.
   */
  private RunRequest withSourceAndCopyMode(RunRequest request, boolean onAws, Optional<String> region) {
    String source = request.source();
    if (stac.stac().isPresent()) {
      if (spec.commandLine().getParseResult().hasMatchedOption("--source")) {
        throw new IllegalArgumentException("--stac and --source are alternatives: give one");
      }
      source = Catalogs.STAC_PREFIX + stac.stac().get();
    }
    Map<String, String> options = new HashMap<>(request.options());
    options.put(CopyMode.OPTION, stac.copyMode(onAws, region).toString());
    return new RunRequest(request.tile(), source, request.selection(), request.scenesPerTask(), options);
  }

  private RunPlan plan(RunRequest request, Path dataDir, KeyLayout layout, TaskSizing sizing, S3Settings sourceS3)
      throws IOException {
    SceneCatalog catalog;
    try {
      Optional<StacSearch> search =
          stac.stac().isPresent()
              ? Optional.of(stac.search(Optional.ofNullable(run.since), Optional.ofNullable(run.until),
                  run.requesterPays()))
              : Optional.empty();
      SourceOptions options =
          new SourceOptions(
              dataDir,
              sourceS3.withRequesterPays(run.requesterPays()),
              run.syntheticSize,
              run.sceneList(),
              search);
      catalog = context.catalogs().open(request.source(), options);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    try {
      RunPlanner planner = new RunPlanner(layout, sizing, context.clock());
      RunPlan plan = dryRun ? planner.preview(request, catalog) : planner.plan(request, catalog);
      listed = catalog;
      return plan;
    } catch (PlanException | IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private Optional<PlanPrefilter.Prefiltered> prefilter(RunPlan plan) throws IOException {
    if (run.prefilterMaxCloud == null) {
      return Optional.empty();
    }
    if (stac.stac().isPresent()) {
      try {
        return Optional.of(
            new PlanPrefilter("stac " + stac.stac().get(), listed.catalogClouds(), run.prefilterMaxCloud).apply(plan));
      } catch (IllegalArgumentException e) {
        throw usage("--prefilter-max-cloud: " + e.getMessage());
      }
    }
    Path catalog =
        run.sceneList()
            .orElseThrow(
                () ->
                    usage(
                        "--prefilter-max-cloud needs catalog metadata: search --stac, or pass --scene-list with an"
                            + " EarthExplorer metadata export (CSV)"));
    try {
      return Optional.of(PlanPrefilter.earthExplorer(catalog, run.prefilterMaxCloud).apply(plan));
    } catch (MalformedCatalogException | IllegalArgumentException e) {
      throw usage("--prefilter-max-cloud: " + e.getMessage());
    }
  }

  private String dryRun(RunPlan plan, Optional<PlanPrefilter.Prefiltered> prefiltered) {
    PlanReport report = new PlanReport(plan, Engine.local.name());
    if (!output.json) {
      return prefiltered.map(p -> p.lines() + System.lineSeparator()).orElse("") + report.text();
    }
    ObjectNode doc = (ObjectNode) Json.mapper().valueToTree(report.document());
    prefiltered.ifPresent(p -> doc.set("prefilter", prefilterJson(p)));
    return Json.write(doc) + System.lineSeparator();
  }

  private String awsDryRun(
      RunPlan plan,
      AwsRunConfig config,
      Map<String, String> jobEnvironment,
      Optional<PlanPrefilter.Prefiltered> prefiltered) {
    RunManifest manifest = plan.manifest();
    if (manifest.scenes().isEmpty()) {
      throw usage("no scenes to submit for tile " + manifest.tile() + " (after the selection and pre-filter)");
    }
    DryRunReport report =
        AwsDryRun.plan(
            manifest,
            config,
            new StageChain(config.eventsQueue(), run.force, awsEnvironment(config, jobEnvironment)),
            stac.sourceRegion(),
            plan.notes());
    if (output.json) {
      ObjectNode doc = (ObjectNode) report.json();
      prefiltered.ifPresent(p -> doc.set("prefilter", prefilterJson(p)));
      return Json.write(doc) + System.lineSeparator();
    }
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    try (PrintStream ps = new PrintStream(text, true, StandardCharsets.UTF_8)) {
      prefiltered.ifPresent(p -> ps.println(p.lines()));
      report.printText(ps);
    }
    return text.toString(StandardCharsets.UTF_8);
  }

  private static ObjectNode prefilterJson(PlanPrefilter.Prefiltered p) {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("maxCloud", p.result().maxCloud());
    node.put("kept", p.result().kept().size());
    node.put("dropped", p.result().dropped().size());
    node.put("withoutCatalogValue", p.result().unknown().size());
    if (p.result().bytesSaved().isPresent()) {
      node.put("bytesSaved", p.result().bytesSaved().getAsLong());
    }
    return node;
  }

  private int submitToAws(
      RunManifest manifest, AwsRunConfig config, Map<String, String> jobEnvironment, PrintWriter out) {
    if (manifest.scenes().isEmpty()) {
      throw usage("no scenes to submit for tile " + manifest.tile() + " (after the selection and pre-filter)");
    }
    try (RunEnvironment env = AwsRunEnvironment.openOrFail(config)) {
      List<String> ids =
          new StageChain(config.eventsQueue(), run.force, awsEnvironment(config, jobEnvironment)).launcher().launch(manifest, env);
      if (output.json) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("runId", manifest.runId());
        doc.put("manifest", manifest.layout().manifest(manifest.runId()).toString());
        doc.set("jobIds", Json.mapper().valueToTree(ids));
        out.println(Json.write(doc));
      } else {
        out.printf(
            "run %s: %d scenes in %d task(s) submitted to AWS Batch queue %s%n",
            manifest.runId(), manifest.scenes().size(), manifest.split().taskCount(), config.requireJobQueue());
        out.println("  manifest: " + manifest.layout().manifest(manifest.runId()));
        out.println("  jobs:     " + String.join(", ", ids));
        out.println("  follow:   submit-run watch " + manifest.runId());
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** The jobs' variables on AWS: the run's own ({@code jobEnvironment}) and the endpoint overrides. */
  private static Map<String, String> awsEnvironment(AwsRunConfig config, Map<String, String> jobEnvironment) {
    Map<String, String> env = new java.util.HashMap<>(config.endpoints().jobEnvironment());
    env.putAll(jobEnvironment);
    return Map.copyOf(env);
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
