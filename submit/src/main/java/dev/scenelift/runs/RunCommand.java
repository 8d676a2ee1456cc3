package dev.scenelift.runs;

import dev.scenelift.batch.aws.AwsConfigException;
import dev.scenelift.batch.aws.AwsOptions;
import dev.scenelift.batch.aws.BatchSubmitException;
import dev.scenelift.job.ExitCodes;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command over a recorded run (status, watch, retry): opens the run environment from the AWS options and a status
 * reader over it, and turns the expected failures into one line and an exit code.
 */
abstract class RunCommand implements Callable<Integer> {
  /** Threads reading markers and job states at once: S3 and Batch calls are mostly waiting. */
  private static final int READERS = 16;

  @Mixin AwsOptions aws;

  @Spec CommandSpec spec;

  private final RunEnvironment.Opener opener;
  private final Map<String, String> environment;

  /**
   * @param opener opens the run environment for the resolved configuration
   * @param environment the process environment the AWS options fall back to
   */
  RunCommand(RunEnvironment.Opener opener, Map<String, String> environment) {
    this.opener = opener;
    this.environment = Map.copyOf(environment);
  }

  interface Body {
    int run(RunEnvironment env, RunStatusReader reader) throws Exception;
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Runs the body in the opened environment; the environment and the reader's threads are gone after. */
  final int withRun(Body body) throws Exception {
    try (RunEnvironment env = opener.open(aws.resolve(environment))) {
      ExecutorService pool = Executors.newFixedThreadPool(READERS);
      try {
        return body.run(env, new RunStatusReader(env, pool));
      } finally {
        pool.shutdownNow();
      }
    } catch (AwsConfigException | UnknownRunException | IllegalArgumentException e) {
      spec.commandLine().getErr().println("submit-run: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (BatchSubmitException e) {
      spec.commandLine().getErr().println("submit-run: " + e.getMessage());
      return ExitCodes.INFRASTRUCTURE;
    }
  }
}
