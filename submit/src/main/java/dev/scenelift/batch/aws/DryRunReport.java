package dev.scenelift.batch.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scenelift.json.Json;
import dev.scenelift.manifest.ExpectedBytes;
import dev.scenelift.manifest.RunManifest;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * What {@code --dry-run} prints for AWS: the scenes and tasks, the job graph, the exact SubmitJob bodies and the
 * estimate; as text, or with {@code --json} as one JSON document. Built from the bodies a {@link DryRunEngine}
 * collected, so it shows exactly what would be sent.
 */
public final class DryRunReport {
  private final RunManifest manifest;
  private final List<SubmitJobBody> bodies;
  private final RunEstimate estimate;
  private final List<String> notes;

  /** @param notes the plan's notes, one line each (what the source's listing or search found) */
  public DryRunReport(RunManifest manifest, List<SubmitJobBody> bodies, RunEstimate estimate, List<String> notes) {
    this.manifest = manifest;
    this.bodies = List.copyOf(bodies);
    this.estimate = estimate;
    this.notes = List.copyOf(notes);
  }

  /** The SubmitJob bodies that would be sent, in submission order. */
  public List<SubmitJobBody> bodies() {
    return bodies;
  }

  public JsonNode json() {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("runId", manifest.runId());
    root.put("tile", manifest.tile().toString());
    root.put("scenes", estimate.scenes());
    root.put("scenesPerTask", estimate.scenesPerTask());
    root.put("tasks", estimate.tasks());
    root.put("awsCalls", 0);
    root.set("sourceBytes", Json.mapper().valueToTree(ExpectedBytes.of(manifest.scenes())));
    root.set("notes", Json.mapper().valueToTree(notes));
    ArrayNode graph = root.putArray("graph");
    for (SubmitJobBody b : bodies) {
      ObjectNode job = graph.addObject();
      job.put("job", b.jobName());
      job.put("definition", b.jobDefinition());
      job.put("arraySize", b.isArray() ? b.arrayProperties().size() : 0);
      ArrayNode deps = job.putArray("dependsOn");
      b.dependsOn().forEach(d -> deps.addObject().put("job", nameOf(d.jobId())).put("type", typeOf(d)));
    }
    ArrayNode requests = root.putArray("submitJobRequests");
    bodies.forEach(b -> requests.add(Json.mapper().valueToTree(b)));
    root.set("estimate", Json.mapper().valueToTree(estimate));
    ObjectNode totals = ((ObjectNode) root.get("estimate")).putObject("totals");
    totals.put("bytesMoved", estimate.bytesMoved());
    totals.put("s3Puts", estimate.s3Puts());
    totals.put("s3Gets", estimate.s3Gets());
    totals.put("spotDollars", round(estimate.spotDollars()));
    totals.put("fargateDollars", round(estimate.fargateDollars()));
    return root;
  }

  public void printJson(PrintStream out) {
    out.println(Json.write(json()));
  }

  public void printText(PrintStream out) {
    out.printf(
        "dry run %s (tile %s): %d scenes, %d per task, %d task(s); no AWS call made%n",
        manifest.runId(), manifest.tile(), estimate.scenes(), estimate.scenesPerTask(), estimate.tasks());
    out.println("source " + manifest.source() + ": bytes expected " + ExpectedBytes.of(manifest.scenes()).describe());
    notes.forEach(n -> out.println("note " + n));
    out.println("job graph:");
    for (SubmitJobBody b : bodies) {
      String deps =
          b.dependsOn().stream()
              .map(d -> ("N_TO_N".equals(d.type()) ? "N_TO_N on " : "after all of ") + nameOf(d.jobId()))
              .reduce((x, y) -> x + ", " + y)
              .orElse("");
      out.printf(
          "  %-44s %-11s %s%n",
          b.jobName(), b.isArray() ? "array " + b.arrayProperties().size() : "plain job", deps);
    }
    out.printf(
        "estimate (%.0f MB a scene; prices of %s; assumptions: StageProfile):%n",
        estimate.bytesPerScene() / 1e6, estimate.prices().asOf());
    out.printf(
        "  %-13s %8s %10s %10s %10s %9s %8s %9s %10s%n",
        "stage", "children", "read GB", "written GB", "S3 PUT", "S3 GET", "vCPU-h", "Spot $", "Fargate $");
    for (RunEstimate.StageEstimate s : estimate.stages()) {
      out.printf(
          Locale.ROOT,
          "  %-13s %8d %10.1f %10.1f %10d %9d %8.1f %9.2f %10.2f%n",
          s.stage().jobName(),
          s.children(),
          s.bytesRead() / 1e9,
          s.bytesWritten() / 1e9,
          s.s3Puts(),
          s.s3Gets(),
          s.vcpuHours(),
          s.spotDollars(),
          s.fargateDollars());
    }
    SourceEstimate source = estimate.source();
    if (source.objects() > 0) {
      out.printf(
          Locale.ROOT,
          "  %-13s %8s %10.1f %10s %10d %9d %8s %9.2f %10.2f%n",
          "source s3://",
          "",
          source.bytes() / 1e9,
          "",
          source.copies(),
          source.gets(),
          "",
          source.dollars(),
          source.dollars());
    }
    out.printf(
        Locale.ROOT,
        "  %-13s %8s %21.1f %10d %9d %8s %9.2f %10.2f%n",
        "total",
        "",
        estimate.bytesMoved() / 1e9,
        estimate.s3Puts(),
        estimate.s3Gets(),
        "",
        estimate.spotDollars(),
        estimate.fargateDollars());
    out.printf(
        Locale.ROOT,
        "  storage afterwards: %.1f GB, $%.2f a month%n",
        estimate.storedGb(),
        estimate.storageDollarsPerMonth());
    if (source.objects() > 0) {
      out.println("  " + describe(source, estimate.prices()));
    }
    if (!"none".equals(manifest.option("promote", "copy"))) {
      out.println(
          "  promotion into opt/: server-side CopyObject of each cloud-free scene's objects (in cloud-filter's PUTs;"
              + " no transfer charge within the region); its copies are stored a second time (upper bound: every"
              + " scene cloud-free)");
    }
    out.println("SubmitJob requests:");
    bodies.forEach(b -> out.println("  " + b.json()));
  }

  /** The source row in words: what is billed to the run (to the requester, on a requester-pays bucket) and why. */
  static String describe(SourceEstimate s, PriceTable p) {
    String where =
        s.interRegion()
            ? String.format(
                Locale.ROOT,
                "%.1f GB of transfer at $%s/GB (inter-region: %s)",
                s.bytes() / 1e9,
                price(p.s3TransferInterRegionGb()),
                s.sourceRegion().isEmpty()
                    ? "the source's region is unknown, give --source-region"
                    : s.runRegion().isEmpty()
                        ? "the run's region is unknown"
                        : "source in " + s.sourceRegion().get() + ", run in " + s.runRegion().get())
            : "transfer free (source and run in " + s.runRegion().orElse("?") + ")";
    return String.format(
        Locale.ROOT,
        "source: %d s3:// object(s)%s; %d GET/HEAD at $%s/1000 and %d COPY at $%s/1000 = $%.2f; %s = $%.2f",
        s.objects(),
        s.unsized() == 0 ? "" : " (" + s.unsized() + " of unknown size: a typical scene's share where a scene"
            + " gives no size, else not priced)",
        s.gets(),
        price(p.s3GetPer1000()),
        s.copies(),
        price(p.s3PutPer1000()),
        s.requestDollars(),
        where,
        s.transferDollars());
  }

  private static String price(double dollars) {
    return java.math.BigDecimal.valueOf(dollars).stripTrailingZeros().toPlainString();
  }

  private String nameOf(String jobId) {
    return jobId.startsWith("dry-run-") ? jobId.substring("dry-run-".length()) : jobId;
  }

  private static String typeOf(SubmitJobBody.Dependency d) {
    return d.type() != null ? d.type() : "WHOLE";
  }

  private static double round(double dollars) {
    return Math.round(dollars * 100) / 100.0;
  }
}
