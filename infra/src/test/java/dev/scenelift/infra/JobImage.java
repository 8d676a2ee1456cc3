package dev.scenelift.infra;

import dev.scenelift.scene.Stage;
import java.nio.file.Path;
import java.util.Map;

/** A job's image as {@code mvn -Pimages} builds it: {@code jobs/<job>/target/jib-image.tar}. */
record JobImage(Stage stage, String mainClass) {
  private static final Map<Stage, String> MAIN_CLASSES =
      Map.of(
          Stage.FETCH, "dev.scenelift.fetch.FetchSceneMain",
          Stage.FILTER, "dev.scenelift.cloud.CloudFilterMain",
          Stage.COG, "dev.scenelift.cog.CogConvertMain",
          Stage.INDEX, "dev.scenelift.index.IndexBuildMain");

  static JobImage of(Stage stage) {
    return new JobImage(stage, MAIN_CLASSES.get(stage));
  }

  Path tar() {
    return ProjectFiles.root().resolve("jobs").resolve(stage.jobName()).resolve("target/jib-image.tar");
  }

  /**
   * Where Jib puts the job's jar, which holds the main class: {@code app/classpath/<job>-<version>.jar}
   * (containerizingMode packaged; the images profile passes the version).
   */
  String jobJarEntry() {
    return "app/classpath/" + stage.jobName() + "-" + System.getProperty("scenelift.version") + ".jar";
  }

  /** The base image tar the job images were built on (the images profile passes its path). */
  static Path baseTar() {
    return Path.of(System.getProperty("scenelift.base.tar"));
  }
}
