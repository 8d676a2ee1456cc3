package dev.scenelift.fetch;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Runs fetch-scene in this JVM (started with a small {@code -Xmx} by the bounded-heap test and the benchmark) and
 * prints how long the job took and the peak heap it used, as {@code elapsed_ns=<n>} and {@code peak_heap_bytes=<n>}.
 */
public final class MeasuredFetch {
  private MeasuredFetch() {}

  public static void main(String[] args) {
    long start = System.nanoTime();
    int code = new FetchSceneJob().run(List.of(args), System.getenv(), System.out, System.err);
    long elapsed = System.nanoTime() - start;
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.println("elapsed_ns=" + elapsed);
    System.out.println("peak_heap_bytes=" + peak);
    System.out.println("max_heap_bytes=" + Runtime.getRuntime().maxMemory());
    System.exit(code);
  }
}
