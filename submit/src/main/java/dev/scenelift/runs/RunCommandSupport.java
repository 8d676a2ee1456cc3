package dev.scenelift.runs;

import dev.scenelift.batch.aws.AwsConfigException;
import dev.scenelift.batch.aws.AwsOptions;
import dev.scenelift.batch.aws.BatchSubmitException;
import dev.scenelift.job.ExitCodes;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * How the run commands open their environment and a status reader over it, and turn the expected failures into one
 * line and an exit code.
 */
final class RunCommandSupport {
  private RunCommandSupport() {}

  /** Threads reading markers and job states at once: S3 and Batch calls are mostly waiting. */
  private static final int READERS = 16;

  interface Body {
    int run(RunEnvironment env, RunStatusReader reader) throws Exception;
  }

  static int run(
      AwsOptions aws, Map<String, String> environment, RunEnvironment.Opener opener, PrintWriter err, Body body)
      throws Exception {
    try (RunEnvironment env = opener.open(aws.resolve(environment))) {
      ExecutorService pool = Executors.newFixedThreadPool(READERS);
      try {
        return body.run(env, new RunStatusReader(env, pool));
      } finally {
        pool.shutdownNow();
      }
    } catch (AwsConfigException | UnknownRunException | IllegalArgumentException e) {
      err.println("submit-run: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (BatchSubmitException e) {
      err.println("submit-run: " + e.getMessage());
      return ExitCodes.INFRASTRUCTURE;
    }
  }

}
