package dev.scenelift.runs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scenelift.batch.JobStatus;
import dev.scenelift.job.ExitCodes;
import dev.scenelift.json.Json;
import java.io.PrintWriter;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code submit-run status <run-id>}: each stage's array status counts and each scene's outcome. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description =
        "Shows a run: per stage the job's status and its children's counts (SUBMITTED … FAILED), and per scene"
            + " the outcome from its markers and failure records. Works with any engine.",
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:every scene of the run succeeded (or was excluded as cloudy)",
      "1:some scenes failed or have not finished yet",
      "2:usage error, unknown run or bad configuration",
      "3:AWS (or the store) could not be reached"
    })
public final class StatusCommand extends RunCommand {
  @Parameters(index = "0", paramLabel = "RUN-ID", description = "The run, e.g. h03v03-20261124t0530-3f2a.")
  String runId;

  @Option(names = "--json", description = "Print the status as one JSON document. Default: ${DEFAULT-VALUE}.")
  boolean json;

  @Option(
      names = "--scenes",
      description = "List every scene, not only the failed ones. Default: ${DEFAULT-VALUE}.")
  boolean allScenes;

  public StatusCommand() {
    this(AwsRunEnvironment::openOrFail, System.getenv());
  }

  /**
   * @param opener opens the run environment for the resolved configuration
   * @param environment the process environment the AWS options fall back to
   */
  public StatusCommand(RunEnvironment.Opener opener, Map<String, String> environment) {
    super(opener, environment);
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = out();
    return withRun(
        (env, reader) -> {
          RunStatus status = reader.read(runId);
          if (json) {
            out.println(Json.write(toJson(status)));
          } else {
            print(status, out, allScenes);
          }
          out.flush();
          return status.allScenesFinished() ? ExitCodes.OK : ExitCodes.SCENES_FAILED;
        });
  }

  static ObjectNode toJson(RunStatus status) {
    ObjectNode root = Json.mapper().valueToTree(status);
    root.set("sceneCounts", Json.mapper().valueToTree(status.sceneCounts()));
    root.put("jobsEnded", status.jobsEnded());
    root.put("allScenesFinished", status.allScenesFinished());
    return root;
  }

  static void print(RunStatus status, PrintWriter out, boolean allScenes) {
    out.printf("run %s (tile %s, %d scenes)%n", status.runId(), status.tile(), status.scenes().size());
    for (StageStatus s : status.stages()) {
      out.printf(
          "  %-13s %-9s %s%n",
          s.stage().jobName(),
          s.status(),
          describe(s));
    }
    Map<SceneOutcome.State, Integer> counts = status.sceneCounts();
    out.printf(
        "scenes: %d succeeded, %d excluded (outside the COG selection), %d failed, %d pending%n",
        counts.get(SceneOutcome.State.SUCCEEDED),
        counts.get(SceneOutcome.State.EXCLUDED),
        counts.get(SceneOutcome.State.FAILED),
        counts.get(SceneOutcome.State.PENDING));
    for (SceneOutcome o : status.scenes()) {
      if (allScenes || o.state() == SceneOutcome.State.FAILED) {
        out.printf(
            "  %-44s %-9s %-13s %s%n",
            o.scene(), o.state(), o.stage().map(st -> st.jobName()).orElse(""), o.detail());
      }
    }
  }

  static String describe(StageStatus s) {
    String counts =
        s.counts().entrySet().stream()
            .filter(e -> e.getValue() > 0)
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "));
    String size = s.children() > 1 ? s.children() + " tasks: " : "plain job: ";
    String reason = s.reason().isEmpty() || s.status() != JobStatus.FAILED ? "" : " (" + s.reason() + ")";
    return size + counts + reason;
  }
}
