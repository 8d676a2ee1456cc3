package dev.scenelift.index;

import dev.scenelift.job.ExitCodes;
import dev.scenelift.job.JobConfigException;
import dev.scenelift.job.JobEntryPoint;
import dev.scenelift.scene.Stage;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** index-build's entry point, found through {@link java.util.ServiceLoader}. */
public final class IndexBuildEntryPoint implements JobEntryPoint {
  @Override
  public Stage stage() {
    return Stage.INDEX;
  }

  @Override
  public int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new IndexBuildCommand(env, out, err));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExitCodeExceptionMapper(e -> e instanceof JobConfigException ? ExitCodes.USAGE : ExitCodes.INFRASTRUCTURE);
    cli.setExecutionExceptionHandler(
        (e, c, p) -> {
          err.println("index-build: " + e.getMessage());
          return e instanceof JobConfigException ? ExitCodes.USAGE : ExitCodes.INFRASTRUCTURE;
        });
    return cli.execute(args.toArray(String[]::new));
  }
}
