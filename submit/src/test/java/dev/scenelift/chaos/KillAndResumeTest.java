package dev.scenelift.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's real child process SIGKILLed mid-scene (a reclaimed Spot instance), then run again: the scene completes, the
 * earlier completed scene is skipped with its marker untouched, nothing is lost, half-written or orphaned, and the
 * multipart uploads the dead process left open are aborted by the rerun.
 */
class KillAndResumeTest {
  @TempDir Path dir;

  @Test
  void fetchKilledDuringAMultipartUploadResumesCleanlyOnRerun() throws Exception {
    KillScenarios.Outcome o = KillScenarios.fetchKilledMidUpload(dir);

    assertThat(o.killedMidScene()).as("the kill landed mid scene").isTrue();
    assertThat(o.openAtKill()).as("the dead child left a multipart upload open").isPositive();
    assertThat(o.firstExit()).as("SIGKILL").isEqualTo(137);
    assertThat(o.rerunExit()).as(o.rerunOutput()).isZero();
    assertThat(o.rerunOutput())
        .contains(KillScenarios.FIRST + ": already fetched, skipped")
        .contains(KillScenarios.SECOND + ": aborted " + o.openAtKill() + " multipart upload(s)");
    assertThat(o.firstMarkerUnchanged()).isTrue();
    assertThat(o.secondDone()).isTrue();
    assertThat(o.audit().lost()).isEmpty();
    assertThat(o.audit().halfWritten()).isEmpty();
    assertThat(o.audit().orphans()).isEmpty();
    assertThat(o.audit().openUploads()).isEmpty();
  }

  @Test
  void cogConvertKilledMidSceneResumesCleanlyOnRerun() throws Exception {
    KillScenarios.Outcome o = KillScenarios.cogKilledMidScene(dir, 768);

    assertThat(o.killedMidScene()).as("the kill landed mid scene").isTrue();
    assertThat(o.firstExit()).as("SIGKILL").isEqualTo(137);
    assertThat(o.rerunExit()).as(o.rerunOutput()).isZero();
    assertThat(o.rerunOutput()).contains("skipped (already converted)");
    assertThat(o.tempLeftByKill()).as("the killed child left its temp directory").isTrue();
    assertThat(o.tempLeftAfterRerun()).as("the rerun removed it").isFalse();
    assertThat(o.firstMarkerUnchanged()).isTrue();
    assertThat(o.secondDone()).isTrue();
    assertThat(o.audit().lost()).isEmpty();
    assertThat(o.audit().halfWritten()).isEmpty();
    assertThat(o.audit().orphans()).isEmpty();
    assertThat(o.audit().openUploads()).isEmpty();
  }
}
