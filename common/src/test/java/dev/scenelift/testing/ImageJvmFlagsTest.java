package dev.scenelift.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageJvmFlagsTest {
  @Test
  void readsTheProjectsJibFlagsWithTheirPropertiesResolved() {
    List<String> flags = ImageJvmFlags.of("fetch-scene").flags();

    assertThat(flags)
        .contains("-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError")
        .contains("-XX:SharedArchiveFile=/usr/lib/jvm/java-17-openjdk-amd64/lib/server/classes.jsa")
        .noneMatch(f -> f.contains("${"));
  }

  @Test
  void aModulePropertyWinsOverTheParentsAndHostRunsDropTheArchiveAndHeapSizing(@TempDir Path root)
      throws Exception {
    Files.writeString(
        root.resolve("pom.xml"),
        """
        <project><properties><archive>/parent.jsa</archive><jni>/opt/jni</jni></properties>
          <build><plugins><plugin><artifactId>jib-maven-plugin</artifactId><configuration><container><jvmFlags>
            <jvmFlag>-Djava.library.path=${jni}</jvmFlag>
            <jvmFlag>-XX:MaxRAMPercentage=75</jvmFlag>
            <jvmFlag>-XX:SharedArchiveFile=${archive}</jvmFlag>
          </jvmFlags></container></configuration></plugin></plugins></build></project>
        """);
    Path module = Files.createDirectories(root.resolve("jobs/some-job"));
    Files.writeString(module.resolve("pom.xml"), "<project><properties><archive>/app/cds/some-job.jsa</archive></properties></project>");

    ImageJvmFlags flags = ImageJvmFlags.of(root, "some-job");

    assertThat(flags.flags())
        .containsExactly(
            "-Djava.library.path=/opt/jni", "-XX:MaxRAMPercentage=75", "-XX:SharedArchiveFile=/app/cds/some-job.jsa");
    assertThat(flags.withoutArchive().withoutHeapSizing().replacing("/opt/jni", "/host/jni").flags())
        .containsExactly("-Djava.library.path=/host/jni");
  }

  @Test
  void anUnsetPropertyIsAnError(@TempDir Path root) throws Exception {
    Files.writeString(
        root.resolve("pom.xml"),
        "<project><build><plugins><plugin><artifactId>jib-maven-plugin</artifactId><configuration><container>"
            + "<jvmFlags><jvmFlag>-XX:SharedArchiveFile=${nowhere}</jvmFlag></jvmFlags></container></configuration>"
            + "</plugin></plugins></build></project>");
    Files.createDirectories(root.resolve("jobs/j"));
    Files.writeString(root.resolve("jobs/j/pom.xml"), "<project/>");

    assertThatThrownBy(() -> ImageJvmFlags.of(root, "j")).hasMessageContaining("${nowhere}");
  }
}
