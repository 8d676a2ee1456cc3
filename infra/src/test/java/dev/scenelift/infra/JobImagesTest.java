package dev.scenelift.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scenelift.scene.Stage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The four job images (opt-in: {@code mvn -Pimages -pl infra -am verify}), read from the tars jib:buildTar wrote:
 * Jib's layers on top of the untouched base layer, the job's entrypoint, non-root user, environment and labels.
 */
@EnabledIfSystemProperty(named = "scenelift.images", matches = "true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobImagesTest {
  static final String JNI_LIBRARY = "opt/scenelift/gdal-jni/libgdalalljni.so";

  private ImageTar base;
  private List<String> baseEntries;

  @BeforeAll
  void readBase() throws IOException {
    base = ImageTar.read(JobImage.baseTar());
    assertThat(base.layers()).hasSize(1);
    baseEntries = base.layerEntries(base.layers().get(0));
  }

  @ParameterizedTest
  @EnumSource(Stage.class)
  void imageKeepsTheBaseLayersAndAddsOnlyTheApplication(Stage stage) throws IOException {
    ImageTar image = ImageTar.read(JobImage.of(stage).tar());

    assertThat(image.diffIds()).hasSize(image.layers().size()).startsWith(base.diffIds().toArray(String[]::new));
    assertThat(baseEntries).as("the base carries the JNI library").contains(JNI_LIBRARY);
    List<String> appEntries = new ArrayList<>();
    for (String layer : image.layers().subList(base.layers().size(), image.layers().size())) {
      appEntries.addAll(image.layerEntries(layer));
    }
    assertThat(appEntries)
        .as("Jib's layers hold the application only")
        .isNotEmpty()
        .allMatch(name -> name.equals("app") || name.equals("app/") || name.startsWith("app/"));
    assertThat(appEntries).contains(JobImage.of(stage).jobJarEntry(), "app/jib-classpath-file");
    assertThat(appEntries).anyMatch(name -> name.matches("app/libs/scenelift-common-.*\\.jar"));
    assertThat(appEntries).anyMatch(name -> name.matches("app/libs/gdal-.*\\.jar"));
  }

  @Test
  void baseImageLayerMatchesItsDiffId() throws IOException {
    assertThat(base.diffIds()).containsExactly(base.uncompressedDigest(base.layers().get(0)));
  }

  @ParameterizedTest
  @EnumSource(Stage.class)
  void applicationLayersMatchTheirDiffIds(Stage stage) throws IOException {
    ImageTar image = ImageTar.read(JobImage.of(stage).tar());
    List<String> layers = image.layers();
    for (int i = base.layers().size(); i < layers.size(); i++) {
      assertThat(image.uncompressedDigest(layers.get(i))).as(layers.get(i)).isEqualTo(image.diffIds().get(i));
    }
  }

  @ParameterizedTest
  @EnumSource(Stage.class)
  void entrypointRunsTheJobMainWithTheJniPathAndContainerHeap(Stage stage) throws IOException {
    JsonNode config = ImageTar.read(JobImage.of(stage).tar()).config().path("config");

    List<String> entrypoint = new ArrayList<>();
    config.path("Entrypoint").forEach(a -> entrypoint.add(a.asText()));
    assertThat(entrypoint).first().isEqualTo("java");
    assertThat(entrypoint).last().isEqualTo(JobImage.of(stage).mainClass());
    assertThat(entrypoint)
        .contains(
            "-Djava.library.path=/opt/scenelift/gdal-jni",
            "-XX:+UseContainerSupport",
            "-XX:MaxRAMPercentage=75",
            "-XX:+ExitOnOutOfMemoryError");
    assertThat(entrypoint).noneMatch(a -> a.startsWith("-Xmx"));
    assertThat(config.path("Cmd").isMissingNode() || config.path("Cmd").isNull() || config.path("Cmd").isEmpty())
        .as("no default arguments")
        .isTrue();
  }

  @ParameterizedTest
  @EnumSource(Stage.class)
  void imageRunsAsTheNonRootUserWithTheBaseEnvironmentAndLabels(Stage stage) throws IOException {
    ImageTar image = ImageTar.read(JobImage.of(stage).tar());
    JsonNode config = image.config().path("config");

    assertThat(config.path("User").asText()).isEqualTo("10001:10001");
    assertThat(config.path("WorkingDir").asText()).isEqualTo("/home/scenelift");
    Map<String, String> env = image.env();
    assertThat(env)
        .containsEntry("GDAL_DATA", "/usr/share/gdal")
        .containsEntry("PROJ_DATA", "/usr/share/proj")
        .containsEntry("JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64")
        .containsKey("PATH");
    assertThat(env).as("Jib adds no variables of its own").isEqualTo(base.env());
    JsonNode labels = config.path("Labels");
    assertThat(labels.path("org.opencontainers.image.title").asText()).isEqualTo("scenelift-" + stage.jobName());
    assertThat(labels.path("org.opencontainers.image.version").asText())
        .isEqualTo(System.getProperty("scenelift.version"));
    assertThat(labels.path("org.opencontainers.image.revision").asText()).isNotBlank();
    assertThat(labels.path("dev.scenelift.gdal.version").asText()).as("kept from the base").isNotBlank();
  }
}
