package dev.scenelift.submit;

import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import dev.scenelift.store.S3Location;
import java.util.List;
import java.util.Locale;

/**
 * How a run ended, derived from the completion markers and failure records: what the summary and {@code --json} show.
 *
 * @param runId the run
 * @param tile its tile
 * @param source its source
 * @param scenes scenes in the run
 * @param seconds wall time from submission to the end of the last job
 * @param manifest where the manifest is
 * @param logs where the jobs' logs are
 * @param stages one summary per stage, in chain order
 * @param failures one entry per failed scene: the first stage it failed in, and why
 * @param collections the three collections: how many of the run's scenes each holds, and where its pages are
 * @param exitCode what {@code submit-run} exits with
 */
record RunSummary(
    String runId,
    Tile tile,
    String source,
    int scenes,
    double seconds,
    S3Location manifest,
    String logs,
    List<StageSummary> stages,
    List<SceneFailure> failures,
    List<CollectionSummary> collections,
    int exitCode) {

  RunSummary {
    stages = List.copyOf(stages);
    failures = List.copyOf(failures);
    collections = List.copyOf(collections);
  }

  /**
   * One collection after the run.
   *
   * @param collection its id: {@code full}, {@code cloud-free}, {@code cog-research}
   * @param title e.g. {@code Cloud-free}
   * @param rule its rule in words
   * @param scenes the run's scenes it holds (full: fetched; the others: members by cloud-filter's verdict)
   * @param root where its tree is, as S3 sees it
   * @param thumbIndex its thumbindex.html, as S3 sees it
   * @param listing its AAlist.html
   * @param map its map.html
   * @param thumbIndexFile the page as a file of the embedded store (empty on AWS)
   * @param listingFile the listing as a file of the embedded store (empty on AWS)
   * @param mapFile the map as a file of the embedded store (empty on AWS)
   */
  record CollectionSummary(
      String collection,
      String title,
      String rule,
      int scenes,
      String root,
      String thumbIndex,
      String listing,
      String map,
      String thumbIndexFile,
      String listingFile,
      String mapFile) {}

  /**
   * One stage's outcome.
   *
   * @param stage the stage's job name
   * @param jobStatus the job's final status
   * @param done scenes finished by this run
   * @param skipped scenes finished by an earlier run, left alone
   * @param failed scenes with a failure record
   * @param excluded scenes the chain left out on purpose (cog-convert: not in its selection, by default the COG research set)
   * @param notProcessed scenes with neither marker nor failure record (e.g. their task's dependency failed)
   * @param bytes bytes written by this run, from the markers
   * @param seconds from the first scene's start to the last scene's end in this run
   * @param megabytesPerSecond bytes / seconds, in MB/s
   * @param s3Prefix where the outputs are, as S3 sees them
   * @param storePath where the outputs are on disk (embedded store)
   */
  record StageSummary(
      String stage,
      String jobStatus,
      int done,
      int skipped,
      int failed,
      int excluded,
      int notProcessed,
      long bytes,
      double seconds,
      double megabytesPerSecond,
      String s3Prefix,
      String storePath) {}

  /**
   * @param scene the scene
   * @param stage the first stage it did not finish
   * @param cause from its failure record, or why it was not processed
   */
  record SceneFailure(SceneId scene, String stage, String cause) {
    String line() {
      return scene + " " + stage + ": " + cause;
    }
  }

  String text() {
    StringBuilder s = new StringBuilder();
    String nl = System.lineSeparator();
    s.append(
            String.format(
                Locale.ROOT,
                "Run %s (%s, %d scenes) %s in %.1f s",
                runId,
                tile,
                scenes,
                exitCode == 0 ? "finished" : "finished with failures",
                seconds))
        .append(nl);
    s.append(
            String.format(
                Locale.ROOT,
                "  %-12s %-9s %5s %8s %7s %9s %8s %10s %8s  %s",
                "stage",
                "job",
                "done",
                "skipped",
                "failed",
                "excluded",
                "not run",
                "bytes",
                "MB/s",
                "outputs"))
        .append(nl);
    for (StageSummary st : stages) {
      s.append(
              String.format(
                  Locale.ROOT,
                  "  %-12s %-9s %5d %8d %7d %9d %8d %10s %8.1f  %s (%s)",
                  st.stage(),
                  st.jobStatus().toLowerCase(Locale.ROOT),
                  st.done(),
                  st.skipped(),
                  st.failed(),
                  st.excluded(),
                  st.notProcessed(),
                  Sizes.bytes(st.bytes()),
                  st.megabytesPerSecond(),
                  st.storePath(),
                  st.s3Prefix()))
          .append(nl);
    }
    for (CollectionSummary c : collections) {
      s.append(String.format(Locale.ROOT, "  %-17s %5d scene%s  %s  (%s)", c.title() + ":", c.scenes(), c.scenes() == 1 ? " " : "s",
                  c.root(), c.rule()))
          .append(nl);
    }
    s.append("  manifest: ").append(manifest).append(nl);
    s.append("  job logs: ").append(logs).append(nl);
    return s.toString();
  }
}
