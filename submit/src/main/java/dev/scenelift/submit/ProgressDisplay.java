package dev.scenelift.submit;

import dev.scenelift.batch.JobState;
import dev.scenelift.batch.JobStatus;
import dev.scenelift.scene.Stage;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Shows a run's progress per stage, in finished tasks. Closing ends the display. */
interface ProgressDisplay extends AutoCloseable {
  /**
   * @param stage the stage
   * @param state its job's latest state
   * @param tasks the job's children
   */
  void update(Stage stage, JobState state, int tasks);

  @Override
  void close();

  static int finished(JobState state, int tasks) {
    if (state.children().isEmpty()) {
      return state.status().isDone() ? 1 : 0;
    }
    return state.count(JobStatus.SUCCEEDED) + state.count(JobStatus.FAILED);
  }

  /** One progress bar per stage on a terminal. */
  final class Bars implements ProgressDisplay {
    private final PrintStream err;
    private final Map<Stage, ProgressBar> bars = new EnumMap<>(Stage.class);

    Bars(PrintStream err) {
      this.err = err;
    }

    @Override
    public void update(Stage stage, JobState state, int tasks) {
      ProgressBar bar =
          bars.computeIfAbsent(
              stage,
              s ->
                  new ProgressBarBuilder()
                      .setTaskName(String.format(Locale.ROOT, "%-12s", s.jobName()))
                      .setInitialMax(tasks)
                      .setStyle(ProgressBarStyle.ASCII)
                      .setUnit(" tasks", 1)
                      .setConsumer(new InteractiveConsoleProgressBarConsumer(err))
                      .build());
      bar.stepTo(finished(state, tasks));
      bar.setExtraMessage(state.status().name().toLowerCase(Locale.ROOT));
    }

    @Override
    public void close() {
      bars.values().forEach(ProgressBar::close);
      bars.clear();
    }
  }

  /** A plain line whenever a stage's count or status changes: for logs, pipes and {@code --json}. */
  final class Lines implements ProgressDisplay {
    private final PrintWriter err;
    private final Map<Stage, String> last = new EnumMap<>(Stage.class);

    Lines(PrintWriter err) {
      this.err = err;
    }

    @Override
    public void update(Stage stage, JobState state, int tasks) {
      String line =
          String.format(
              Locale.ROOT,
              "%-12s %d/%d tasks finished%s, job %s",
              stage.jobName(),
              finished(state, tasks),
              tasks,
              state.count(JobStatus.FAILED) > 0 ? " (" + state.count(JobStatus.FAILED) + " failed)" : "",
              state.status().name().toLowerCase(Locale.ROOT));
      if (!line.equals(last.put(stage, line))) {
        err.println(line);
        err.flush();
      }
    }

    @Override
    public void close() {
      err.flush();
    }
  }
}
