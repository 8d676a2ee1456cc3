package dev.scenelift.cog;

import dev.scenelift.job.ExitCodes;
import dev.scenelift.job.JobConfig;
import dev.scenelift.job.JobEntryPoint;
import dev.scenelift.job.JobEnv;
import dev.scenelift.scene.Stage;
import dev.scenelift.store.S3Settings;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** cog-convert's entry point, as the image's main and the embedded engine call it. */
public final class CogConvertJob implements JobEntryPoint {
  @Override
  public Stage stage() {
    return Stage.COG;
  }

  @Override
  public int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new CogConvertCommand(env, out, err));
    cli.addSubcommand("validate", new ValidateCommand(() -> s3Settings(env)));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler(
        (e, line, parsed) -> {
          line.getErr().println("cog-convert: " + e);
          return ExitCodes.INFRASTRUCTURE;
        });
    return cli.execute(args.toArray(String[]::new));
  }

  /** S3 settings from the same variables the job reads; {@code validate} needs no run, so those two may be absent. */
  static S3Settings s3Settings(Map<String, String> env) {
    Map<String, String> withRun = new HashMap<>(env);
    withRun.putIfAbsent(JobEnv.RUN_ID, "validate");
    withRun.putIfAbsent(JobEnv.MANIFEST, "s3://scenelift/unused");
    return JobConfig.fromEnv(withRun).s3();
  }

  /** scenelift's version, as markers record it. */
  static String version() {
    String v = CogConvertJob.class.getPackage().getImplementationVersion();
    return v != null ? v : "0.1.0-SNAPSHOT";
  }
}
