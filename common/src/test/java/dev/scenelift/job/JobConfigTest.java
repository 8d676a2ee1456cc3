package dev.scenelift.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JobConfigTest {
  @Test
  void readsBatchAndProjectVariables() {
    JobConfig c =
        JobConfig.fromEnv(
            Map.of(
                "SCENELIFT_RUN_ID", "h03v03-20261124t0530-3f2a",
                "SCENELIFT_MANIFEST", "s3://scenelift/runs/h03v03-20261124t0530-3f2a/manifest.json",
                "AWS_BATCH_JOB_ARRAY_INDEX", "7",
                "AWS_BATCH_JOB_ATTEMPT", "2",
                "SCENELIFT_S3_ENDPOINT", "http://127.0.0.1:9000"));
    assertThat(c.arrayIndex()).isEqualTo(7);
    assertThat(c.attempt()).isEqualTo(2);
    assertThat(c.s3().pathStyle()).isTrue();
    assertThat(c.s3().staticCredentials()).isEmpty();
  }

  @Test
  void missingOrBadVariableIsNamed() {
    assertThatThrownBy(() -> JobConfig.fromEnv(Map.of("SCENELIFT_RUN_ID", "r1")))
        .isInstanceOf(JobConfigException.class)
        .hasMessageContaining("SCENELIFT_MANIFEST");
    assertThatThrownBy(
            () ->
                JobConfig.fromEnv(
                    Map.of(
                        "SCENELIFT_RUN_ID", "r1",
                        "SCENELIFT_MANIFEST", "s3://bucket1/m.json",
                        "AWS_BATCH_JOB_ARRAY_INDEX", "x")))
        .hasMessageContaining("AWS_BATCH_JOB_ARRAY_INDEX");
  }

  @Test
  void storeVariablesReadBackAsTheSettingsTheyCameFrom() {
    var store =
        dev.scenelift.store.S3Settings.compatible(java.net.URI.create("http://127.0.0.1:9370"), "id", "secret");
    for (var settings : java.util.List.of(store, store.withUnsigned(true))) {
      java.util.Map<String, String> env = JobEnv.forStore(settings);
      env.put(JobEnv.RUN_ID, "r1");
      env.put(JobEnv.MANIFEST, "s3://scenelift/runs/r1/manifest.json");
      assertThat(JobConfig.fromEnv(env).s3()).isEqualTo(settings);
    }
  }

  @Test
  void secretNeverPrints() {
    var creds = new dev.scenelift.store.S3Settings.StaticCredentials("id", "topsecret");
    assertThat(creds.toString()).doesNotContain("topsecret");
  }
}
