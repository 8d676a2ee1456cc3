package dev.scenelift.runs;

import dev.scenelift.batch.aws.BatchSubmitException;
import dev.scenelift.job.ExitCodes;
import dev.scenelift.scene.Stage;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@code submit-run watch <run-id>}: a progress bar per stage until every stage's job has ended, then the scene
 * summary. Polls the engine with back-off (from {@code --poll} up to {@code --max-poll}, back to {@code --poll} when
 * something moved); with an events queue it waits on the queue instead of sleeping, so scene events wake it early.
 */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    description = "Follows a run until it ends: a progress bar per stage, then the per-scene summary. Any engine.",
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:every scene of the run succeeded (or was excluded as cloudy)",
      "1:some scenes failed or never finished",
      "2:usage error, unknown run or bad configuration",
      "3:AWS (or the store) could not be reached"
    })
public final class WatchCommand extends RunCommand {
  private static final Logger LOG = LoggerFactory.getLogger(WatchCommand.class);

  @Parameters(index = "0", paramLabel = "RUN-ID", description = "The run to follow.")
  String runId;

  @Option(names = "--poll", paramLabel = "SECONDS", description = "First polling interval. Default: ${DEFAULT-VALUE}.")
  double pollSeconds = 5;

  @Option(
      names = "--max-poll",
      paramLabel = "SECONDS",
      description = "Longest polling interval (back-off while nothing changes). Default: ${DEFAULT-VALUE}.")
  double maxPollSeconds = 60;

  @Option(names = "--json", description = "Print the final status as one JSON document. Default: ${DEFAULT-VALUE}.")
  boolean json;

  public WatchCommand() {
    this(AwsRunEnvironment::openOrFail, System.getenv());
  }

  public WatchCommand(RunEnvironment.Opener opener, Map<String, String> environment) {
    super(opener, environment);
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = out();
    return withRun(
        (env, reader) -> {
          RunJobs jobs = reader.jobs(runId);
          Map<String, Integer> events = follow(env, reader, jobs, out);
          if (!events.isEmpty()) {
            out.println("events of this run on " + env.eventsQueue().orElseThrow() + ": " + events);
          }
          RunStatus status = reader.read(runId);
          if (json) {
            out.println(dev.scenelift.json.Json.write(StatusCommand.toJson(status)));
          } else {
            StatusCommand.print(status, out, false);
          }
          out.flush();
          return status.allScenesFinished() ? ExitCodes.OK : ExitCodes.SCENES_FAILED;
        });
  }

  /** Shows the bars until every job ended; returns the counts of this run's events read from the queue. */
  private Map<String, Integer> follow(RunEnvironment env, RunStatusReader reader, RunJobs jobs, PrintWriter out)
      throws InterruptedException {
    Map<Stage, ProgressBar> bars = new EnumMap<>(Stage.class);
    Map<String, Integer> events = new java.util.TreeMap<>();
    try {
      for (RecordedJob job : jobs.jobs()) {
        ProgressBarBuilder b =
            new ProgressBarBuilder()
                .setTaskName(String.format("%-13s", job.stage().jobName()))
                .setInitialMax(job.children())
                .setStyle(ProgressBarStyle.ASCII)
                .setMaxRenderedLength(200)
                .setUpdateIntervalMillis((int) Math.max(200, pollSeconds * 1000));
        if (System.console() == null) {
          b.setConsumer(new DelegatingProgressBarConsumer(line -> out.println(line)));
        }
        bars.put(job.stage(), b.build());
      }
      Duration delay = seconds(pollSeconds);
      List<StageStatus> last = List.of();
      while (true) {
        List<StageStatus> now;
        try {
          now = reader.stages(jobs);
        } catch (BatchSubmitException e) {
          LOG.warn("polling {} failed, trying again in {} s: {}", runId, delay.toSeconds(), e.getMessage());
          now = last;
        }
        for (StageStatus s : now) {
          ProgressBar bar = bars.get(s.stage());
          bar.stepTo(s.ended());
          bar.setExtraMessage(StatusCommand.describe(s) + eventsNote(events));
        }
        if (!now.isEmpty() && now.stream().allMatch(StageStatus::isDone)) {
          return events;
        }
        boolean moved = !now.equals(last);
        last = now;
        delay = moved ? seconds(pollSeconds) : min(seconds(delay.toMillis() / 1000.0 * 1.5), seconds(maxPollSeconds));
        boolean heard = env.sqs().isPresent() && waitForEvents(env.sqs().get(), env, delay, events);
        if (!heard && env.sqs().isEmpty()) {
          Thread.sleep(delay.toMillis());
        }
        if (heard) {
          delay = seconds(pollSeconds);
        }
      }
    } finally {
      bars.values().forEach(ProgressBar::close);
    }
  }

  /** Long-polls the events queue up to {@code wait}; counts and deletes this run's events, releases others'. */
  private boolean waitForEvents(SqsClient sqs, RunEnvironment env, Duration wait, Map<String, Integer> events) {
    String queue = env.eventsQueue().orElseThrow().toString();
    try {
      List<Message> got =
          sqs.receiveMessage(
                  b ->
                      b.queueUrl(queue)
                          .maxNumberOfMessages(10)
                          .waitTimeSeconds((int) Math.max(1, Math.min(20, wait.toSeconds())))
                          .messageAttributeNames("All"))
              .messages();
      boolean ours = false;
      for (Message m : got) {
        var runAttr = m.messageAttributes().get("runId");
        if (runAttr != null && runId.equals(runAttr.stringValue())) {
          ours = true;
          var type = m.messageAttributes().get("type");
          events.merge(type == null ? "event" : type.stringValue(), 1, Integer::sum);
          sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle()));
        } else {
          sqs.changeMessageVisibility(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
        }
      }
      return ours;
    } catch (software.amazon.awssdk.core.exception.SdkException e) {
      LOG.warn("reading events from {} failed: {}", queue, e.getMessage());
      return false;
    }
  }

  private static String eventsNote(Map<String, Integer> events) {
    return events.isEmpty() ? "" : " | " + events.values().stream().mapToInt(Integer::intValue).sum() + " events";
  }

  private static Duration seconds(double s) {
    return Duration.ofMillis((long) Math.max(1, s * 1000));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
