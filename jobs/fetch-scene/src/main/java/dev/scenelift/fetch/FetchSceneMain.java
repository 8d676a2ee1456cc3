package dev.scenelift.fetch;

import java.util.List;

/** The fetch-scene image's entry point: the same {@link FetchSceneJob} the embedded engine runs in-process. */
public final class FetchSceneMain {
  private FetchSceneMain() {}

  public static void main(String[] args) {
    System.exit(new FetchSceneJob().run(List.of(args), System.getenv(), System.out, System.err));
  }
}
