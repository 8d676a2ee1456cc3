package dev.scenelift.cloud;

import dev.scenelift.job.ExitCodes;
import dev.scenelift.job.JobEntryPoint;
import dev.scenelift.scene.Stage;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** The cloud-filter job as the embedded engine and the image's main run it. */
public final class CloudFilterEntryPoint implements JobEntryPoint {
  @Override
  public Stage stage() {
    return Stage.FILTER;
  }

  @Override
  public int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new CloudFilterCommand(env, out, err));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExitCodeExceptionMapper(e -> ExitCodes.USAGE);
    cli.setParameterExceptionHandler(
        (e, a) -> {
          err.println("cloud-filter: " + e.getMessage() + " (see --help)");
          return ExitCodes.USAGE;
        });
    return cli.execute(args.toArray(String[]::new));
  }
}
