package dev.scenelift.submit;

import dev.scenelift.json.Json;
import dev.scenelift.manifest.ArrayTask;
import dev.scenelift.manifest.ExpectedBytes;
import dev.scenelift.collection.CollectionRules;
import dev.scenelift.collection.TileCollection;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.manifest.TaskSplit;
import dev.scenelift.plan.PlannedJob;
import dev.scenelift.plan.RunPlan;
import dev.scenelift.plan.StageDependency;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import dev.scenelift.store.S3Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A plan as {@code --dry-run} prints it: text for people, or one JSON document. */
final class PlanReport {
  private final RunPlan plan;
  private final String engine;

  PlanReport(RunPlan plan, String engine) {
    this.plan = plan;
    this.engine = engine;
  }

  /** The JSON form. */
  record Document(
      String runId,
      Tile tile,
      String source,
      String engine,
      boolean dryRun,
      int scenes,
      int scenesPerTask,
      int tasks,
      Long bytesExpected,
      ExpectedBytes sourceBytes,
      S3Location manifest,
      List<PlannedCollection> collections,
      List<Job> jobs,
      List<Scene> sceneList,
      List<String> notes) {}

  /**
   * A collection the run will fill.
   *
   * @param collection {@code full}, {@code cloud-free}, {@code cog-research}
   * @param root where its tree of the tile is
   * @param rule its rule in words, from the manifest's options
   */
  record PlannedCollection(String collection, String title, S3Location root, String rule) {}

  record Job(String name, String stage, int arraySize, List<Dependency> dependsOn) {}

  record Dependency(String stage, String type) {}

  record Scene(SceneId id, int task, Long bytes) {}

  Document document() {
    RunManifest m = plan.manifest();
    TaskSplit split = m.split();
    List<Job> jobs =
        plan.jobs().jobs().stream()
            .map(
                j ->
                    new Job(
                        dev.scenelift.runs.StageChain.jobName(m.runId(), j.stage()),
                        j.stage().jobName(),
                        j.arraySize(),
                        j.dependsOn().stream()
                            .map(d -> new Dependency(d.upstream().jobName(), d.type().name()))
                            .toList()))
            .toList();
    List<Scene> scenes = new ArrayList<>();
    for (ArrayTask task : split.tasks()) {
      for (int i = task.from(); i < task.to(); i++) {
        SceneEntry e = m.scenes().get(i);
        scenes.add(new Scene(e.id(), task.index(), known(e.knownBytes())));
      }
    }
    return new Document(
        m.runId(),
        m.tile(),
        m.source(),
        engine,
        true,
        m.scenes().size(),
        m.scenesPerTask(),
        split.taskCount(),
        known(m.knownBytes()),
        ExpectedBytes.of(m.scenes()),
        m.layout().manifest(m.runId()),
        collections(m),
        jobs,
        scenes,
        plan.notes());
  }

  private static List<PlannedCollection> collections(RunManifest m) {
    CollectionRules rules = CollectionRules.fromOptions(m.options());
    boolean promote = !"none".equals(m.option(CollectionOptions.PROMOTE, "copy"));
    List<PlannedCollection> out = new ArrayList<>();
    for (TileCollection c : TileCollection.values()) {
      String rule = rules.describe(c);
      if (c == TileCollection.CLOUD_FREE && !promote) {
        rule += " (--promote none: nothing is copied)";
      }
      out.add(new PlannedCollection(c.id(), c.title(), m.layout().tileDir(c.root(m.layout()), m.tile()), rule));
    }
    return out;
  }

  String json() {
    return Json.write(document()) + System.lineSeparator();
  }

  String text() {
    Document d = document();
    RunManifest m = plan.manifest();
    StringBuilder s = new StringBuilder();
    line(s, "Plan of run %s (dry run: nothing started, nothing written)", d.runId());
    line(s, "  tile       %s", d.tile());
    line(s, "  source     %s", d.source());
    line(s, "  engine     %s", d.engine());
    line(
        s,
        d.sourceBytes().complete() ? "  scenes     %d, %s expected" : "  scenes     %d, bytes expected %s",
        d.scenes(),
        d.sourceBytes().describe());
    line(s, "  tasks      %s", tasks(m.split()));
    line(s, "  manifest   %s", d.manifest());
    for (PlannedCollection c : d.collections()) {
      line(s, "  %-18s %s  %s", c.title() + ":", c.root(), c.rule());
    }
    for (String note : d.notes()) {
      line(s, "  note       %s", note);
    }
    if (d.jobs().isEmpty()) {
      line(s, "No scenes match: nothing to run.");
      return s.toString();
    }
    line(s, "Jobs, in submission order:");
    for (PlannedJob job : plan.jobs().jobs()) {
      line(
          s,
          "  %-12s  %-22s%s",
          job.stage().jobName(),
          job.isArray() ? "array of " + job.arraySize() : "single job",
          dependencies(job.dependsOn()));
    }
    line(s, "Scenes (task: scene, bytes):");
    for (Scene scene : d.sceneList()) {
      line(s, "  %5d: %s  %s", scene.task(), scene.id(), Sizes.bytes(scene.bytes() == null ? -1 : scene.bytes()));
    }
    return s.toString();
  }

  private static String tasks(TaskSplit split) {
    if (split.taskCount() == 0) {
      return "none";
    }
    ArrayTask last = split.task(split.taskCount() - 1);
    String text = split.taskCount() + " of " + split.scenesPerTask() + " scene(s)";
    return last.size() < split.scenesPerTask() ? text + ", the last of " + last.size() : text;
  }

  private static String dependencies(List<StageDependency> deps) {
    if (deps.isEmpty()) {
      return "";
    }
    List<String> parts = deps.stream().map(d -> d.type() + " on " + d.upstream().jobName()).toList();
    return "  after " + String.join(", ", parts);
  }

  private static Long known(long bytes) {
    return bytes < 0 ? null : bytes;
  }

  private static void line(StringBuilder s, String format, Object... args) {
    s.append(String.format(Locale.ROOT, format, args).stripTrailing()).append(System.lineSeparator());
  }
}
