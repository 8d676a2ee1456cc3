package dev.scenelift.cog;

import java.util.List;

/** The image's main: runs the job with the process's environment and exits with its code. */
public final class CogConvertMain {
  private CogConvertMain() {}

  public static void main(String[] args) {
    System.exit(new CogConvertJob().run(List.of(args), System.getenv(), System.out, System.err));
  }
}
