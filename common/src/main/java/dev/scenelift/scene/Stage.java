package dev.scenelift.scene;

import java.util.Arrays;

/** The four jobs of a run, in chain order; the job name doubles as the image and job-definition suffix. */
public enum Stage {
  FETCH("fetch-scene"),
  FILTER("cloud-filter"),
  COG("cog-convert"),
  INDEX("index-build");

  private final String jobName;

  Stage(String jobName) {
    this.jobName = jobName;
  }

  /** e.g. {@code fetch-scene}. */
  public String jobName() {
    return jobName;
  }

  public static Stage ofJobName(String name) {
    return Arrays.stream(values())
        .filter(s -> s.jobName.equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown stage '" + name + "'"));
  }

  @Override
  public String toString() {
    return jobName;
  }
}
