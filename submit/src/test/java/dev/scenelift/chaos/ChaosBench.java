package dev.scenelift.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The chaos report (not a test; run by {@code bench/chaos/run}): the fault and kill scenarios, one line each, then
 * {@code chaos scenarios=<n> lost_objects=<n> half_written=<n> unfinished_mpu=<n>} with the counts found.
 * Arguments: a work directory.
 */
public final class ChaosBench {
  private ChaosBench() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : Files.createTempDirectory("chaos").toString());
    List<StoreAudit> audits = new ArrayList<>();
    int failed = 0;
    for (double share : new double[] {0.05, 0.15}) {
      FaultScenario.Outcome o =
          FaultScenario.run(Files.createDirectories(work.resolve("faults-" + share)), 4, 96, share, 11);
      System.out.println(o.line());
      audits.add(o.audit());
      failed += o.passed() ? 0 : 1;
    }
    KillScenarios.Outcome fetch = KillScenarios.fetchKilledMidUpload(Files.createDirectories(work.resolve("kill-fetch")));
    System.out.println(fetch.line());
    audits.add(fetch.audit());
    failed += fetch.passed() ? 0 : 1;
    KillScenarios.Outcome cog = KillScenarios.cogKilledMidScene(Files.createDirectories(work.resolve("kill-cog")), 768);
    System.out.println(cog.line());
    audits.add(cog.audit());
    failed += cog.passed() ? 0 : 1;

    int lost = audits.stream().mapToInt(a -> a.lost().size()).sum();
    int half = audits.stream().mapToInt(a -> a.halfWritten().size() + a.orphans().size()).sum();
    int mpu = audits.stream().mapToInt(a -> a.openUploads().size()).sum();
    System.out.printf("chaos scenarios=%d lost_objects=%d half_written=%d unfinished_mpu=%d%n", audits.size(), lost,
        half, mpu);
    System.exit(failed == 0 ? 0 : 1);
  }
}
