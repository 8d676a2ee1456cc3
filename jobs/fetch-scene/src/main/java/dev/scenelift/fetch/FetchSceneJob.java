package dev.scenelift.fetch;

import dev.scenelift.job.JobEntryPoint;
import dev.scenelift.scene.Stage;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** fetch-scene as a {@link JobEntryPoint}: parses the job's own arguments, then runs {@link FetchCommand}. */
public final class FetchSceneJob implements JobEntryPoint {
  @Override
  public Stage stage() {
    return Stage.FETCH;
  }

  @Override
  public int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new FetchCommand(env, out, err));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args.toArray(String[]::new));
  }
}
