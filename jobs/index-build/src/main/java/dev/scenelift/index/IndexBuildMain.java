package dev.scenelift.index;

import java.util.List;

/** The container's main: runs {@link IndexBuildEntryPoint} with the process's arguments and environment. */
public final class IndexBuildMain {
  private IndexBuildMain() {}

  public static void main(String[] args) {
    System.exit(new IndexBuildEntryPoint().run(List.of(args), System.getenv(), System.out, System.err));
  }
}
