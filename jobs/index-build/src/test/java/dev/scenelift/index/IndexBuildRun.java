package dev.scenelift.index;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One index-build invocation through its entry point, as the engine makes it: its exit code and what it printed.
 *
 * @param exit the exit code
 * @param out standard output
 * @param err standard error
 */
record IndexBuildRun(int exit, String out, String err) {
  static IndexBuildRun of(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        new IndexBuildEntryPoint()
            .run(
                List.of(args),
                env,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    return new IndexBuildRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
