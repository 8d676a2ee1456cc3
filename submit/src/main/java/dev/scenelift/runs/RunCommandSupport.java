package dev.scenelift.runs;

import dev.scenelift.batch.aws.AwsConfigException;
import dev.scenelift.batch.aws.AwsOptions;
import dev.scenelift.batch.aws.BatchSubmitException;
import dev.scenelift.job.ExitCodes;
import java.io.PrintWriter;
import java.util.Map;

/** How the run commands open their environment and turn the expected failures into one line and an exit code. */
final class RunCommandSupport {
  private RunCommandSupport() {}

  interface Body {
    int run(RunEnvironment env) throws Exception;
  }

  static int run(
      AwsOptions aws, Map<String, String> environment, RunEnvironment.Opener opener, PrintWriter err, Body body)
      throws Exception {
    try (RunEnvironment env = opener.open(aws.resolve(environment))) {
      return body.run(env);
    } catch (AwsConfigException | UnknownRunException | IllegalArgumentException e) {
      err.println("submit-run: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (BatchSubmitException e) {
      err.println("submit-run: " + e.getMessage());
      return ExitCodes.INFRASTRUCTURE;
    }
  }

}
