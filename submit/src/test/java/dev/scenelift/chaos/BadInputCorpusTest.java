package dev.scenelift.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.scenelift.job.ExitCodes;
import dev.scenelift.manifest.BundleSource;
import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.marker.MarkerStore;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Location;
import dev.scenelift.testing.S3TestSupport;
import dev.scenelift.testing.TarBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The bad-input corpus through the jobs' real entry points, side by side with good scenes: each bad scene fails with
 * exactly one error line naming the scene and the cause, the task exits 1 (scenes failed), the bad scene leaves no
 * object behind, and the good scenes around it complete. The unit tests of each check are listed in the chaos report;
 * this test proves they hold together in one run.
 */
class BadInputCorpusTest {
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  @TempDir Path dir;

  @Test
  void everyBadBundleFailsItsSceneWithOneLineWhileTheGoodScenesAroundItComplete() throws Exception {
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/", exchange -> {
      int status = exchange.getRequestURI().getPath().startsWith("/forbidden/") ? 403 : 404;
      byte[] body = ("<html><body>" + status + "</body></html>").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    http.start();
    try (EmbeddedS3Store store = EmbeddedS3Store.inMemory();
        S3Client s3 = S3ClientFactory.create(store.settings())) {
      s3.createBucket(b -> b.bucket(ChaosRun.BUCKET));
      String base = "http://127.0.0.1:" + http.getAddress().getPort();
      Map<String, SceneEntry> bad = new LinkedHashMap<>();
      List<SceneEntry> good = new ArrayList<>();
      List<SceneEntry> all = new ArrayList<>();
      int day = 0;
      all.add(add(good, goodScene(id(day++))));
      bad.put("truncat", truncated(id(day++)));
      bad.put("checksum", badHeaderChecksum(id(day++)));
      bad.put("md5", md5Mismatch(id(day++)));
      bad.put("200 times its listed size", gzipBomb(id(day++)));
      bad.put("..", named(id(day++), new TarBuilder().file("../../../etc/evil.tif", "x")));
      bad.put("link", named(id(day++), new TarBuilder().symlink("band.tif", "/etc/passwd")));
      bad.put("link ", named(id(day++), new TarBuilder().file("a.tif", "x").hardlink("b.tif", "a.tif")));
      bad.put("is empty (0 bytes)", raw(id(day++), new byte[0]));
      bad.put("not a tar archive, it starts with '<html>", raw(id(day++), "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>"
          .getBytes(StandardCharsets.UTF_8)));
      SceneId forbidden = id(day++);
      bad.put("403", remote(forbidden, URI.create(base + "/forbidden/" + forbidden + "_SR.tar")));
      SceneId missing = id(day++);
      bad.put("404", remote(missing, URI.create(base + "/missing/" + missing + "_SR.tar")));
      List<SceneEntry> bads = new ArrayList<>(bad.values());
      all.addAll(bads.subList(0, bads.size() / 2));
      all.add(add(good, goodScene(id(day++))));
      all.addAll(bads.subList(bads.size() / 2, bads.size()));
      all.add(add(good, goodScene(id(day++))));

      RunManifest manifest =
          new RunManifest("h03v03-20261124t0710-c0rp", ChaosRun.TILE, dir.toUri().toString(),
              Instant.parse("2026-11-24T07:10:00Z"), all.size(), ChaosRun.LAYOUT, all, Map.of());
      S3Location at = new ManifestStore(s3).write(manifest);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code =
          ChaosRun.realJobs().forStage(Stage.FETCH).run(List.of(), KillScenarios.env(store, manifest.runId(), at),
              new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

      String errors = err.toString(StandardCharsets.UTF_8);
      System.out.println("bad-input corpus, fetch-scene:\n" + errors);
      assertThat(code).as(errors).isEqualTo(ExitCodes.OK);
      List<String> lines = Arrays.stream(errors.split("\\R")).filter(l -> !l.isBlank()).toList();
      assertThat(lines).as("one line per bad scene").hasSize(bad.size());
      MarkerStore markers = new MarkerStore(s3, ChaosRun.LAYOUT);
      for (Map.Entry<String, SceneEntry> e : bad.entrySet()) {
        SceneId scene = e.getValue().id();
        assertThat(lines)
            .as("%s (%s)", scene, e.getKey().strip())
            .filteredOn(l -> l.contains(scene.toString()))
            .singleElement()
            .satisfies(l -> assertThat(l).startsWith(Stage.FETCH + ": " + scene + ": ")
                .containsIgnoringCase(e.getKey().strip()));
        assertThat(markers.isDone(Stage.FETCH, scene)).isFalse();
        assertThat(markers.failure(Stage.FETCH, scene)).isPresent();
        assertThat(S3TestSupport.keys(s3, ChaosRun.BUCKET, ChaosRun.LAYOUT.sceneDir(ChaosRun.LAYOUT.raw(), scene).key()))
            .as("%s leaves only its failure record", scene)
            .allMatch(k -> k.endsWith(".failed.json"));
      }
      for (SceneEntry g : good) {
        assertThat(markers.isDone(Stage.FETCH, g.id())).as("%s complete", g.id()).isTrue();
      }
      StoreAudit audit = StoreAudit.of(s3, ChaosRun.BUCKET);
      assertThat(audit.clean()).as(audit.summary()).isTrue();
    } finally {
      http.stop(0);
    }
  }

  @Test
  void cogConvertFailsAnHtmlPageNamedTifAndATiffWithABadIfdOffsetAndConvertsTheGoodScene() throws Exception {
    try (EmbeddedS3Store store = EmbeddedS3Store.inMemory();
        S3Client s3 = S3ClientFactory.create(store.settings())) {
      ChaosRun.Planned planned = ChaosRun.plan(s3, store.settings(), dir, 1, 64);
      Map<String, String> fetchEnv = KillScenarios.env(store, planned.plan().runId(), planned.manifest());
      PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
      assertThat(ChaosRun.realJobs().forStage(Stage.FETCH).run(List.of(), fetchEnv, quiet, quiet)).isZero();
      SceneEntry goodScene = planned.plan().manifest().scenes().get(0);

      byte[] html = "<html><head><title>Error</title></head><body>Rate exceeded</body></html>"
          .getBytes(StandardCharsets.UTF_8);
      byte[] badIfd = new byte[256];
      System.arraycopy(new byte[] {'I', 'I', 42, 0, (byte) 0xf0, (byte) 0xff, (byte) 0xff, 0x7f}, 0, badIfd, 0, 8);
      SceneId htmlScene = id(40);
      SceneId ifdScene = id(41);
      putRaw(s3, htmlScene, html);
      putRaw(s3, ifdScene, badIfd);
      List<SceneEntry> scenes =
          List.of(new SceneEntry(htmlScene, List.of()), goodScene, new SceneEntry(ifdScene, List.of()));
      RunManifest manifest =
          new RunManifest("h03v03-20261124t0711-c0gs", ChaosRun.TILE, "synthetic", Instant.parse("2026-11-24T07:11:00Z"),
              3, ChaosRun.LAYOUT, scenes, Map.of("cog", "all"));
      S3Location at = new ManifestStore(s3).write(manifest);
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code =
          ChaosRun.realJobs().forStage(Stage.COG).run(List.of(), KillScenarios.env(store, manifest.runId(), at),
              quiet, new PrintStream(err, true, StandardCharsets.UTF_8));

      String errors = err.toString(StandardCharsets.UTF_8);
      System.out.println("bad-input corpus, cog-convert:\n" + errors);
      assertThat(code).as(errors).isEqualTo(ExitCodes.OK);
      List<String> lines = Arrays.stream(errors.split("\\R")).filter(l -> !l.isBlank()).toList();
      assertThat(lines).hasSize(2);
      assertThat(lines.get(0)).startsWith(Stage.COG + ": " + htmlScene + ": ");
      assertThat(lines.get(1)).startsWith(Stage.COG + ": " + ifdScene + ": ");
      MarkerStore markers = new MarkerStore(s3, ChaosRun.LAYOUT);
      assertThat(markers.isDone(Stage.COG, goodScene.id())).isTrue();
      for (SceneId scene : List.of(htmlScene, ifdScene)) {
        assertThat(markers.failure(Stage.COG, scene)).isPresent();
        assertThat(S3TestSupport.keys(s3, ChaosRun.BUCKET, ChaosRun.LAYOUT.sceneDir(ChaosRun.LAYOUT.cog(), scene).key()))
            .allMatch(k -> k.endsWith(".failed.json"));
      }
    }
  }

  private static SceneId id(int day) {
    return SceneId.parse("LC08_CU_003003_" + LocalDate.of(2014, 1, 1).plusDays(day * 16L).format(DAY)
        + "_20170713_C01_V01");
  }

  private static SceneEntry add(List<SceneEntry> to, SceneEntry entry) {
    to.add(entry);
    return entry;
  }

  private SceneEntry goodScene(SceneId id) throws Exception {
    return named(id, new TarBuilder().file(id + ".xml", "<scene id='" + id + "'/>")
        .file(id + "_SRB1.tif", TarBuilder.randomBytes(30_000, id.hashCode())));
  }

  private SceneEntry named(SceneId id, TarBuilder tar) throws Exception {
    return raw(id, tar.tar());
  }

  private SceneEntry truncated(SceneId id) throws Exception {
    byte[] tar = new TarBuilder().file(id + "_SRB1.tif", TarBuilder.randomBytes(20_000, 1)).tar();
    return raw(id, Arrays.copyOf(tar, 10_000));
  }

  private SceneEntry badHeaderChecksum(SceneId id) throws Exception {
    byte[] tar = new TarBuilder().file(id + "_SRB1.tif", TarBuilder.randomBytes(2_000, 2)).tar();
    tar[150] = (byte) (tar[150] == '1' ? '2' : '1'); // inside the header's checksum field
    return raw(id, tar);
  }

  private SceneEntry md5Mismatch(SceneId id) throws Exception {
    byte[] tar = new TarBuilder().file(id + "_SRB1.tif", TarBuilder.randomBytes(2_000, 3)).tar();
    Path file = Files.write(dir.resolve(id + "_SR.tar"), tar);
    return new SceneEntry(id, List.of(new BundleSource(Bundle.SR, file.toUri(), Optional.of("0".repeat(32)),
        tar.length)));
  }

  private SceneEntry gzipBomb(SceneId id) throws Exception {
    byte[] gz = new TarBuilder().file(id + "_SRB1.tif", new byte[48 << 20]).tarGz();
    Path file = Files.write(dir.resolve(id + "_SR.tar.gz"), gz);
    return new SceneEntry(id, List.of(new BundleSource(Bundle.SR, file.toUri(), Optional.of(TarBuilder.md5(gz)),
        gz.length)));
  }

  private SceneEntry raw(SceneId id, byte[] bytes) throws Exception {
    Path file = Files.write(dir.resolve(id + "_SR.tar"), bytes);
    return new SceneEntry(id, List.of(new BundleSource(Bundle.SR, file.toUri(), Optional.of(TarBuilder.md5(bytes)),
        bytes.length)));
  }

  private static SceneEntry remote(SceneId id, URI uri) {
    return new SceneEntry(id, List.of(new BundleSource(Bundle.SR, uri, Optional.empty(), 10_240)));
  }

  private static void putRaw(S3Client s3, SceneId scene, byte[] band) {
    S3Location xml = ChaosRun.LAYOUT.metadataXml(ChaosRun.LAYOUT.raw(), scene);
    S3Location tif = ChaosRun.LAYOUT.rawObject(scene, Bundle.SR, scene + "_SRB1.TIF");
    s3.putObject(b -> b.bucket(xml.bucket()).key(xml.key()), RequestBody.fromString("<scene/>"));
    s3.putObject(b -> b.bucket(tif.bucket()).key(tif.key()), RequestBody.fromBytes(band));
  }
}
