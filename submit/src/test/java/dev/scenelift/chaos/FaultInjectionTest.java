package dev.scenelift.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenelift.testing.FaultProxy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain on the embedded engine with every S3 request of the jobs (SDK and GDAL /vsis3/) going through a
 * {@link FaultProxy} that drops, stalls or fails (503 SlowDown / 500) a share of them: the retries carry every scene to
 * the end, md5s match the list, and what is stored is exactly what the markers say.
 */
class FaultInjectionTest {
  @TempDir Path dataDir;

  @Test
  void everySceneCompletesWithValidMarkersAndNoOpenUploadsWhenTenPercentOfRequestsFail() throws Exception {
    FaultScenario.Outcome o = FaultScenario.run(dataDir, 3, 96, 0.10, 8);
    System.out.println(o.line());

    assertThat(o.incomplete()).as(o.logs()).isEmpty();
    assertThat(o.injected()).as("faults were injected").isGreaterThanOrEqualTo(5);
    assertThat(o.faults().get(FaultProxy.Fault.SLOW_DOWN_503)).isPositive();
    assertThat(o.audit().markers()).hasSize(9);
    assertThat(o.audit().lost()).isEmpty();
    assertThat(o.audit().halfWritten()).isEmpty();
    assertThat(o.audit().orphans()).isEmpty();
    assertThat(o.audit().openUploads()).isEmpty();
  }
}
