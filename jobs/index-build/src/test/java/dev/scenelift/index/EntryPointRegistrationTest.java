package dev.scenelift.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenelift.job.JobEntryPoint;
import dev.scenelift.scene.Stage;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class EntryPointRegistrationTest {
  @Test
  void serviceLoaderFindsIndexBuildAsTheIndexStage() {
    assertThat(ServiceLoader.load(JobEntryPoint.class).stream().map(ServiceLoader.Provider::get))
        .anySatisfy(
            e -> {
              assertThat(e).isInstanceOf(IndexBuildEntryPoint.class);
              assertThat(e.stage()).isEqualTo(Stage.INDEX);
            });
  }
}
