package dev.scenelift.cloud;

import java.util.List;

/** The container's entry point: the job, with the process's arguments and environment. */
public final class CloudFilterMain {
  private CloudFilterMain() {}

  public static void main(String[] args) {
    System.exit(new CloudFilterEntryPoint().run(List.of(args), System.getenv(), System.out, System.err));
  }
}
