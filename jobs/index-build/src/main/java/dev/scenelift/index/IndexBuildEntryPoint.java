package dev.scenelift.index;

import dev.scenelift.job.ExitCodes;
import dev.scenelift.job.JobConfigException;
import dev.scenelift.job.JobEntryPoint;
import dev.scenelift.scene.Stage;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Settings;
import software.amazon.awssdk.services.s3.S3Client;
import picocli.CommandLine;

/** index-build's entry point, found through {@link java.util.ServiceLoader}. */
public final class IndexBuildEntryPoint implements JobEntryPoint {
  private final Function<S3Settings, S3Client> clients;

  public IndexBuildEntryPoint() {
    this(S3ClientFactory::create);
  }

  /** @param clients builds the run's one S3 client (the benchmark counts requests through it) */
  IndexBuildEntryPoint(Function<S3Settings, S3Client> clients) {
    this.clients = clients;
  }

  @Override
  public Stage stage() {
    return Stage.INDEX;
  }

  @Override
  public int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new IndexBuildCommand(env, clients, out, err));
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
