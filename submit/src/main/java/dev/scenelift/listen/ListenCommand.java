package dev.scenelift.listen;

import dev.scenelift.batch.aws.ArraySizing;
import dev.scenelift.batch.aws.AwsConfigException;
import dev.scenelift.batch.aws.AwsOptions;
import dev.scenelift.batch.aws.AwsRunConfig;
import dev.scenelift.batch.aws.BatchSubmitException;
import dev.scenelift.event.EventPublishers;
import dev.scenelift.job.ExitCodes;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.runs.AwsRunEnvironment;
import dev.scenelift.runs.RunEnvironment;
import dev.scenelift.runs.RunLauncher;
import dev.scenelift.runs.StageChain;
import dev.scenelift.scene.Tile;
import dev.scenelift.store.RunIds;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@code submit-run listen --queue URL}: turns S3 ObjectCreated notifications for bundles landing under a prefix (from
 * a bulk downloader) into runs. A scene is submitted once all its bundles are there; scenes that completed within
 * {@code --batch-seconds} of each other go into one run per tile. A message is deleted once its bundles are recorded;
 * a message that is not an S3 notification is left on the queue, so that the queue's redrive policy moves it to the
 * dead-letter queue. Waiting scenes are kept in memory: after a restart, bundles of a half-landed scene must be
 * notified again (e.g. by copying them in place).
 */
@Command(
    name = "listen",
    mixinStandardHelpOptions = true,
    description = "Submits runs for scenes whose bundles land in S3, from the bucket's notifications on an SQS queue.",
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:stopped after --once, or interrupted",
      "2:usage error or bad configuration",
      "3:AWS (or the store) could not be reached"
    })
public final class ListenCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ListenCommand.class);

  @Mixin AwsOptions aws;

  @Option(
      names = "--queue",
      required = true,
      paramLabel = "URL",
      description = "SQS queue receiving the landing bucket's ObjectCreated notifications.")
  URI queue;

  @Option(
      names = "--landing-prefix",
      paramLabel = "PREFIX",
      description = "Only keys under this prefix count as landed bundles. Default: ${DEFAULT-VALUE}.")
  String landingPrefix = "landing/";

  @Option(
      names = "--batch-seconds",
      paramLabel = "SECONDS",
      description = "Gather completed scenes this long before submitting them as one run. Default: ${DEFAULT-VALUE}.")
  double batchSeconds = 60;

  @Option(
      names = "--scenes-per-task",
      paramLabel = "K",
      description = "Scenes per array child. Default: derived from the scene sizes.")
  Integer scenesPerTask;

  @Option(
      names = "--once",
      description = "Read what is on the queue now, submit the completed scenes and stop. Default: ${DEFAULT-VALUE}.")
  boolean once;

  @Spec CommandSpec spec;

  private final RunEnvironment.Opener opener;
  private final RunLauncher launcher;
  private final BiFunction<URI, AwsRunConfig, SqsClient> sqsClients;
  private final Map<String, String> environment;
  private final Clock clock;

  public ListenCommand() {
    this(
        AwsRunEnvironment::openOrFail,
        new StageChain(Optional.empty(), Map.of()).launcher(),
        ListenCommand::queueClient,
        System.getenv(),
        Clock.systemUTC());
  }

  /**
   * @param launcher runs a planned manifest (the planner of submit-run, or {@link StageChain#launcher()})
   * @param sqsClients opens the client for {@code --queue} in the resolved configuration; the command closes it
   */
  public ListenCommand(
      RunEnvironment.Opener opener,
      RunLauncher launcher,
      BiFunction<URI, AwsRunConfig, SqsClient> sqsClients,
      Map<String, String> environment,
      Clock clock) {
    this.opener = opener;
    this.launcher = launcher;
    this.sqsClients = sqsClients;
    this.environment = Map.copyOf(environment);
    this.clock = clock;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AwsRunConfig config;
    try {
      config = aws.resolve(environment);
    } catch (AwsConfigException e) {
      err.println("submit-run listen: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    try (RunEnvironment env = opener.open(config);
        SqsClient sqs = sqsClients.apply(queue, config)) {
      LandingTracker tracker = new LandingTracker();
      List<SceneEntry> ready = new ArrayList<>();
      Instant firstReady = null;
      while (!Thread.currentThread().isInterrupted()) {
        List<Message> got = receive(sqs);
        for (Message m : got) {
          List<LandedBundle> landed;
          try {
            landed = S3Notifications.bundles(m.body(), landingPrefix);
          } catch (IllegalArgumentException e) {
            LOG.warn("message {} on {} left for the dead-letter queue: {}", m.messageId(), queue, e.getMessage());
            continue;
          }
          for (LandedBundle b : landed) {
            tracker.add(b).ifPresent(ready::add);
          }
          sqs.deleteMessage(d -> d.queueUrl(queue.toString()).receiptHandle(m.receiptHandle()));
        }
        if (!ready.isEmpty() && firstReady == null) {
          firstReady = clock.instant();
        }
        boolean drained = got.isEmpty();
        boolean windowOver =
            firstReady != null && Duration.between(firstReady, clock.instant()).toMillis() >= batchSeconds * 1000;
        if (!ready.isEmpty() && (windowOver || (once && drained))) {
          launch(ready, env, out);
          ready.clear();
          firstReady = null;
        }
        if (once && drained) {
          break;
        }
      }
      Map<?, ?> incomplete = tracker.incomplete();
      if (!incomplete.isEmpty()) {
        out.printf("waiting for bundles of %d scene(s): %s%n", incomplete.size(), incomplete);
      }
      out.flush();
      return ExitCodes.OK;
    } catch (AwsConfigException | IllegalArgumentException e) {
      err.println("submit-run listen: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (BatchSubmitException | software.amazon.awssdk.core.exception.SdkException e) {
      err.println("submit-run listen: " + e.getMessage());
      return ExitCodes.INFRASTRUCTURE;
    }
  }

  /** The client for {@code --queue}: the configuration's SQS endpoint override and region, if any. */
  public static SqsClient queueClient(URI queue, AwsRunConfig config) {
    return EventPublishers.sqsClient(queue, config.endpoints().sqs(), config.s3());
  }

  private List<Message> receive(SqsClient sqs) {
    return sqs.receiveMessage(
            r -> r.queueUrl(queue.toString()).maxNumberOfMessages(10).waitTimeSeconds(once ? 1 : 20))
        .messages();
  }

  /** One run per tile over the ready scenes. */
  private void launch(List<SceneEntry> ready, RunEnvironment env, PrintWriter out) {
    Map<Tile, List<SceneEntry>> byTile = new LinkedHashMap<>();
    ready.stream()
        .sorted(Comparator.comparing(e -> e.id().toString()))
        .forEach(e -> byTile.computeIfAbsent(e.id().tile(), t -> new ArrayList<>()).add(e));
    for (Map.Entry<Tile, List<SceneEntry>> t : byTile.entrySet()) {
      List<SceneEntry> scenes = t.getValue();
      String bucket = scenes.get(0).bundles().get(0).uri().getHost();
      RunManifest manifest =
          new RunManifest(
              RunIds.next(t.getKey().toString(), clock.instant()),
              t.getKey(),
              "s3://" + bucket + "/" + landingPrefix,
              clock.instant(),
              ArraySizing.scenesPerTask(
                  scenes, scenesPerTask == null ? OptionalInt.empty() : OptionalInt.of(scenesPerTask)),
              env.layout(),
              scenes,
              Map.of("landing", "s3://" + bucket + "/" + landingPrefix));
      List<String> ids = launcher.launch(manifest, env);
      out.printf("run %s: %d scene(s) of %s, jobs %s%n", manifest.runId(), scenes.size(), t.getKey(), ids);
      out.println(manifest.runId());
    }
  }
}
