package dev.scenelift.cog;

import dev.scenelift.collection.Membership;
import dev.scenelift.collection.TileCollection;
import dev.scenelift.job.JobEnv;
import dev.scenelift.json.Json;
import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.Collection;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Location;
import dev.scenelift.synthetic.SyntheticTiles;
import dev.scenelift.verdict.CloudVerdict;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Benchmark, not a test (run by {@code bench/cog-convert/c2-copy}): what copying a Collection 2 scene's COGs saves
 * against re-encoding them. One synthetic C2 Landsat 8 scene (its bands COGs, as USGS ships C2) is put in an on-disk
 * embedded store as fetch-scene leaves it; cog-convert then runs over it ROUNDS times each way, alternating: by
 * default (each band validated and copied by the store) and with {@code --force --recompress} (each band re-encoded
 * by GDAL). Prints wall and process CPU seconds per scene, medians; the store runs in this process, so its work is in
 * the CPU figure too (on AWS a CopyObject costs the job nothing).
 */
public final class C2CopyBench {
  private static final String BUCKET = "scenelift";

  private C2CopyBench() {}

  public static void main(String[] args) throws Exception {
    Path work = Paths.get(args.length > 0 ? args[0] : Files.createTempDirectory("c2-copy-bench").toString());
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int size = args.length > 2 ? Integer.parseInt(args[2]) : 5000;
    Tile tile = Tile.parse("h03v03");
    SyntheticTiles.Folder folder = new SyntheticTiles(work.resolve("gen"), size, Collection.C2).ensure(tile, 1);
    SceneId scene = folder.scenes().get(0);
    KeyLayout layout = KeyLayout.inBucket(BUCKET);
    try (EmbeddedS3Store store = EmbeddedS3Store.onDisk(work.resolve("store"), 0);
        S3Client s3 = S3ClientFactory.create(store.settings())) {
      s3.createBucket(b -> b.bucket(BUCKET));
      int files = 0;
      long bytes = 0;
      for (Bundle bundle : Bundle.of(Collection.C2)) {
        try (InputStream in = Files.newInputStream(folder.dir().resolve(scene + "_" + bundle + ".tar"));
            TarArchiveInputStream t = new TarArchiveInputStream(in)) {
          TarArchiveEntry e;
          while ((e = t.getNextEntry()) != null) {
            byte[] body = t.readAllBytes();
            S3Location loc =
                e.getName().endsWith(".xml") ? layout.metadataXml(layout.raw(), scene)
                    : layout.rawObject(scene, bundle, e.getName());
            s3.putObject(b -> b.bucket(loc.bucket()).key(loc.key()), RequestBody.fromBytes(body));
            files += e.getName().endsWith(".xml") ? 0 : 1;
            bytes += e.getName().endsWith(".xml") ? 0 : body.length;
          }
        }
      }
      Map<TileCollection, Membership> m = new EnumMap<>(TileCollection.class);
      for (TileCollection c : TileCollection.values()) {
        m.put(c, new Membership(true, "clear"));
      }
      S3Location verdict = layout.cloudVerdict(scene);
      s3.putObject(b -> b.bucket(verdict.bucket()).key(verdict.key()),
          RequestBody.fromBytes(Json.writeBytes(CloudVerdict.of(scene, m, Map.of("cloud", 0.0), Map.of(), Map.of(),
              "bench", Instant.now()))));
      S3Location manifest =
          new ManifestStore(s3).write(new RunManifest("bench", tile, "synthetic:c2", Instant.now(), 10, layout,
              List.of(new SceneEntry(scene, List.of())), Map.of()));
      Map<String, String> env = JobEnv.forStore(store.settings());
      env.put(JobEnv.RUN_ID, "bench");
      env.put(JobEnv.MANIFEST, manifest.toString());
      System.out.printf("scene %s: %d bands, %.1f MB of COGs (%dx%d)%n", scene, files, bytes / 1e6, size, size);
      run(env, work, "--force"); // warm-up
      List<double[]> copy = new ArrayList<>();
      List<double[]> encode = new ArrayList<>();
      for (int i = 0; i < rounds; i++) {
        copy.add(run(env, work, "--force"));
        encode.add(run(env, work, "--force", "--recompress"));
        System.out.printf("round %d: copy %.2f s wall %.2f s CPU; re-encode %.2f s wall %.2f s CPU%n", i + 1,
            copy.get(i)[0], copy.get(i)[1], encode.get(i)[0], encode.get(i)[1]);
      }
      double cw = median(copy, 0);
      double cc = median(copy, 1);
      double ew = median(encode, 0);
      double ec = median(encode, 1);
      System.out.printf(
          "c2-copy: per scene copy %.0f ms wall %.0f ms CPU, re-encode %.0f ms wall %.0f ms CPU; CPU saved %.0f ms"
              + " (%.0f%%)%n",
          cw * 1000, cc * 1000, ew * 1000, ec * 1000, (ec - cc) * 1000, 100 * (ec - cc) / ec);
    }
  }

  /** One cog-convert run: {wall seconds, process CPU seconds}. */
  private static double[] run(Map<String, String> env, Path work, String... extra) throws Exception {
    Path temp = Files.createDirectories(work.resolve("temp"));
    List<String> argv = new ArrayList<>(List.of("--temp-dir", temp.toString()));
    argv.addAll(List.of(extra));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    int exit = new CogConvertJob().run(argv, env, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
    if (exit != 0) {
      throw new IllegalStateException("cog-convert exited " + exit + ": " + out);
    }
    return new double[] {wall, cpu};
  }

  private static double median(List<double[]> runs, int field) {
    double[] v = runs.stream().mapToDouble(r -> r[field]).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
