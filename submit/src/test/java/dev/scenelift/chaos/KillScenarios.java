package dev.scenelift.chaos;

import dev.scenelift.job.JobEnv;
import dev.scenelift.manifest.BundleSource;
import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Location;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A job's real child process SIGKILLed mid-scene, then run again: what the store holds before and after. Shared by
 * {@code KillAndResumeTest} and the chaos bench.
 */
final class KillScenarios {
  static final SceneId FIRST = SceneId.parse("LC08_CU_003003_20130414_20170713_C01_V01");
  static final SceneId SECOND = SceneId.parse("LC08_CU_003003_20130430_20170713_C01_V01");

  private KillScenarios() {}

  /**
   * What happened.
   *
   * @param killedMidScene the kill landed while the second scene was half-written (the first one done)
   * @param openAtKill multipart uploads open when the child died
   * @param firstExit the killed child's exit code (137 = SIGKILL)
   * @param rerunExit the rerun's exit code
   * @param rerunOutput the rerun's stdout and stderr
   * @param firstMarkerUnchanged the earlier completed scene's marker is byte for byte what it was before the rerun
   * @param secondDone the interrupted scene has its marker after the rerun
   * @param audit the store after the rerun
   */
  record Outcome(
      String name,
      boolean killedMidScene,
      int openAtKill,
      int firstExit,
      int rerunExit,
      String rerunOutput,
      boolean firstMarkerUnchanged,
      boolean secondDone,
      StoreAudit audit,
      boolean tempLeftByKill,
      boolean tempLeftAfterRerun) {
    boolean passed() {
      return killedMidScene && rerunExit == 0 && firstMarkerUnchanged && secondDone && audit.clean()
          && !tempLeftAfterRerun;
    }

    Outcome withTempFiles(boolean byKill, boolean afterRerun) {
      return new Outcome(name, killedMidScene, openAtKill, firstExit, rerunExit, rerunOutput, firstMarkerUnchanged,
          secondDone, audit, byKill, afterRerun);
    }

    String line() {
      return String.format(
          "%s: killed_mid_scene=%s open_mpu_at_kill=%d rerun_exit=%d earlier_marker_unchanged=%s lost=%d"
              + " half_written=%d orphans=%d unfinished_mpu=%d temp_left=%s %s",
          name, killedMidScene, openAtKill, rerunExit, firstMarkerUnchanged, audit.lost().size(),
          audit.halfWritten().size(), audit.orphans().size(), audit.openUploads().size(), tempLeftAfterRerun,
          passed() ? "ok" : "FAILED");
    }
  }

  /**
   * fetch-scene over two scenes; the second's bundle holds a 64 MiB band, which goes up as a multipart upload. The
   * child is killed once the first scene is done and the second's multipart upload is open.
   */
  static Outcome fetchKilledMidUpload(Path dir) throws Exception {
    try (EmbeddedS3Store store = EmbeddedS3Store.inMemory();
        S3Client s3 = S3ClientFactory.create(store.settings())) {
      s3.createBucket(b -> b.bucket(ChaosRun.BUCKET));
      SceneEntry first = scene(dir, FIRST, 200_000);
      SceneEntry second = scene(dir, SECOND, 64L << 20);
      RunManifest manifest =
          new RunManifest("h03v03-20261124t0700-k1ll", FIRST.tile(), dir.toUri().toString(),
              Instant.parse("2026-11-24T07:00:00Z"), 2, ChaosRun.LAYOUT, List.of(first, second), Map.of());
      S3Location at = new ManifestStore(s3).write(manifest);
      Map<String, String> env = env(store, manifest.runId(), at);
      S3Location firstMarker = ChaosRun.LAYOUT.marker(Stage.FETCH, FIRST);
      S3Location secondDir = ChaosRun.LAYOUT.sceneDir(ChaosRun.LAYOUT.raw(), SECOND);

      ChildJob child = ChildJob.start("dev.scenelift.fetch.FetchSceneMain", env, dir.resolve("fetch-1.log"));
      boolean killed =
          child.killWhen(
              () -> exists(s3, firstMarker)
                  && !s3.listMultipartUploads(b -> b.bucket(ChaosRun.BUCKET).prefix(secondDir.key())).uploads().isEmpty(),
              120_000);
      return rerun("fetch-scene killed mid multipart upload", s3, child, killed, firstMarker,
          ChaosRun.LAYOUT.marker(Stage.FETCH, SECOND), "dev.scenelift.fetch.FetchSceneMain", env, dir.resolve("fetch-2.log"));
    }
  }

  /**
   * cog-convert ({@code --cog all}) over two fetched synthetic scenes; the child is killed once the first scene is
   * converted and the second has some COGs uploaded but no marker.
   */
  static Outcome cogKilledMidScene(Path dir, int syntheticSize) throws Exception {
    try (EmbeddedS3Store store = EmbeddedS3Store.inMemory();
        S3Client s3 = S3ClientFactory.create(store.settings())) {
      ChaosRun.Planned planned = ChaosRun.plan(s3, store.settings(), dir, 2, syntheticSize, 2);
      Map<String, String> env = env(store, planned.plan().runId(), planned.manifest());
      ByteArrayOutputStream fetchLog = new ByteArrayOutputStream();
      PrintStream print = new PrintStream(fetchLog, true, StandardCharsets.UTF_8);
      int fetched = ChaosRun.realJobs().forStage(Stage.FETCH).run(List.of(), env, print, print);
      if (fetched != 0) {
        throw new IllegalStateException("fetch-scene failed before the cog-convert kill: " + fetchLog);
      }
      List<SceneEntry> scenes = planned.plan().manifest().scenes();
      SceneId firstScene = scenes.get(0).id();
      SceneId secondScene = scenes.get(1).id();
      S3Location firstMarker = ChaosRun.LAYOUT.marker(Stage.COG, firstScene);
      S3Location secondMarker = ChaosRun.LAYOUT.marker(Stage.COG, secondScene);
      S3Location secondDir = ChaosRun.LAYOUT.sceneDir(ChaosRun.LAYOUT.cog(), secondScene);

      Path temp = java.nio.file.Files.createDirectories(dir.resolve("cog-temp"));
      ChildJob child =
          ChildJob.start("dev.scenelift.cog.CogConvertMain", env, dir.resolve("cog-1.log"), "--cog", "all",
              "--temp-dir", temp.toString());
      boolean killed =
          child.killWhen(
              () -> exists(s3, firstMarker)
                  && s3.listObjectsV2(b -> b.bucket(ChaosRun.BUCKET).prefix(secondDir.key())).keyCount() > 0
                  && !exists(s3, secondMarker),
              180_000);
      boolean leftTemp = hasFiles(temp);
      Outcome o = rerun("cog-convert killed mid scene", s3, child, killed, firstMarker, secondMarker,
          "dev.scenelift.cog.CogConvertMain", env, dir.resolve("cog-2.log"), "--cog", "all", "--temp-dir",
          temp.toString());
      return o.withTempFiles(leftTemp, hasFiles(temp));
    }
  }

  private static Outcome rerun(
      String name,
      S3Client s3,
      ChildJob killedChild,
      boolean killed,
      S3Location firstMarker,
      S3Location secondMarker,
      String mainClass,
      Map<String, String> env,
      Path log,
      String... args)
      throws Exception {
    boolean midScene = killed && exists(s3, firstMarker) && !exists(s3, secondMarker);
    int open = s3.listMultipartUploads(b -> b.bucket(ChaosRun.BUCKET)).uploads().size();
    byte[] markerBefore = exists(s3, firstMarker) ? read(s3, firstMarker) : new byte[0];

    ChildJob again = ChildJob.start(mainClass, env, log, args);
    int code = again.await(300);
    boolean unchanged = exists(s3, firstMarker) && java.util.Arrays.equals(markerBefore, read(s3, firstMarker));
    return new Outcome(name, midScene, open, killedChild.exitCode(), code, again.output(), unchanged,
        exists(s3, secondMarker), StoreAudit.of(s3, ChaosRun.BUCKET), false, false);
  }

  private static boolean hasFiles(Path dir) throws java.io.IOException {
    try (var files = java.nio.file.Files.list(dir)) {
      return files.findAny().isPresent();
    }
  }

  static Map<String, String> env(EmbeddedS3Store store, String runId, S3Location manifest) {
    Map<String, String> env = new HashMap<>();
    env.put(JobEnv.RUN_ID, runId);
    env.put(JobEnv.MANIFEST, manifest.toString());
    env.put(JobEnv.ARRAY_INDEX, "0");
    env.put(JobEnv.S3_ENDPOINT, store.endpoint().toString());
    env.put(JobEnv.S3_PATH_STYLE, "true");
    env.put(JobEnv.S3_ACCESS_KEY_ID, EmbeddedS3Store.ACCESS_KEY);
    env.put(JobEnv.S3_SECRET_ACCESS_KEY, EmbeddedS3Store.SECRET_KEY);
    return env;
  }

  /** One SR bundle on disk: the scene's XML and one band of {@code bandBytes} pseudo-random bytes. */
  private static SceneEntry scene(Path dir, SceneId id, long bandBytes) throws Exception {
    Path file = dir.resolve(id + "_SR.tar");
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), md5);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      byte[] xml = ("<scene id='" + id + "'/>").getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry x = new TarArchiveEntry(id + ".xml");
      x.setSize(xml.length);
      tar.putArchiveEntry(x);
      tar.write(xml);
      tar.closeArchiveEntry();
      TarArchiveEntry band = new TarArchiveEntry(id + "_SRB1.tif");
      band.setSize(bandBytes);
      tar.putArchiveEntry(band);
      Random random = new Random(bandBytes);
      byte[] block = new byte[1 << 20];
      for (long left = bandBytes; left > 0; ) {
        random.nextBytes(block);
        int n = (int) Math.min(block.length, left);
        tar.write(block, 0, n);
        left -= n;
      }
      tar.closeArchiveEntry();
      tar.finish();
    }
    return new SceneEntry(id, List.of(new BundleSource(Bundle.SR, file.toUri(),
        Optional.of(HexFormat.of().formatHex(md5.digest())), Files.size(file))));
  }

  private static boolean exists(S3Client s3, S3Location at) {
    try {
      s3.headObject(b -> b.bucket(at.bucket()).key(at.key()));
      return true;
    } catch (SdkException e) {
      return false;
    }
  }

  private static byte[] read(S3Client s3, S3Location at) {
    return s3.getObjectAsBytes(b -> b.bucket(at.bucket()).key(at.key())).asByteArray();
  }
}
