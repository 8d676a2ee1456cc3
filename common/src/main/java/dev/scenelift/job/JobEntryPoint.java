package dev.scenelift.job;

import dev.scenelift.scene.Stage;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * One job's entry point, the same the image's {@code main} calls. Job modules register theirs with {@link
 * java.util.ServiceLoader}, so the embedded engine runs exactly what a container runs.
 */
public interface JobEntryPoint {
  Stage stage();

  /**
   * Runs one array child (or the single job) to completion.
   *
   * @param args the container command's arguments
   * @param env the environment the job sees (AWS Batch's variables and {@link JobEnv})
   * @param out where progress and the summary go
   * @param err where one-line errors go
   * @return an {@link ExitCodes} value
   */
  int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err);
}
