package dev.scenelift.fetch;

import dev.scenelift.job.JobEnv;
import dev.scenelift.manifest.BundleSource;
import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.marker.MarkerStore;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.testing.ImageJvmFlags;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The image build's class-data training and start-up measurement (docker/cds/train-archive.sh): fetch-scene run by
 * the image's own JVM, on the image's class path, with the image's JVM flags (the parent pom's Jib configuration, the
 * archive flag left out) plus the given ones, inside the image's file system (the launcher: chroot), against an
 * embedded store on loopback, over a generated bundle of the SR bundle's shape: several entries larger than a part
 * (multipart uploads) and one smaller (a single PUT). Each run is a new run of its own; a run passes only if the job
 * exits 0 and the scene has its completion marker.
 *
 * <p>Arguments: {@code <project root> <scratch dir> <scratch dir as the image sees it> <runs> <launcher...> --
 * <extra JVM flags...>}; {@code -Dtraining.entries} and {@code -Dtraining.entrySize} change the SR bundle's shape
 * (default 3 entries of 12 MiB; bench/fetch's is 8 of 33,250,000 bytes). Prints, per run, the seconds from starting the launcher to the store's first write and to the
 * job's exit, then the medians as {@code first_write_median_s=<s> exit_median_s=<s>}.
 */
public final class ImageArchiveTraining {
  private static final SceneId SCENE = SceneId.parse("LC08_CU_003003_20130414_20170713_C01_V01");
  private static final String CLASS_PATH = "@/app/jib-classpath-file";

  private ImageArchiveTraining() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    Path scratch = Path.of(args[1]);
    String scratchInImage = args[2];
    int runs = Integer.parseInt(args[3]);
    int split = List.of(args).indexOf("--");
    List<String> launcher = List.of(args).subList(4, split);
    List<String> java = new ArrayList<>(List.of("java"));
    java.addAll(ImageJvmFlags.of(root, "fetch-scene").withoutArchive().flags());
    java.addAll(List.of(args).subList(split + 1, args.length));
    java.addAll(List.of("-cp", CLASS_PATH, FetchSceneMain.class.getName()));

    List<BundleSource> bundles = new ArrayList<>();
    bundles.add(
        bundle(
            scratch,
            scratchInImage,
            Bundle.SR,
            new GeneratedBundle(
                SCENE + "_SR", Integer.getInteger("training.entries", 3), Long.getLong("training.entrySize", 12L << 20))));
    bundles.add(bundle(scratch, scratchInImage, Bundle.QA, new GeneratedBundle(SCENE + "_QA", 1, 1L << 20)));
    List<Double> firstWrites = new ArrayList<>();
    List<Double> exits = new ArrayList<>();
    Path storeDir = Files.createTempDirectory(scratch, "store-");
    try (EmbeddedS3Store store = EmbeddedS3Store.onDisk(storeDir, 0);
        S3Client s3 = S3ClientFactory.create(store.settings())) {
      s3.createBucket(b -> b.bucket("training-manifests"));
      for (int run = 1; run <= runs; run++) {
        String bucket = "training-" + run;
        s3.createBucket(b -> b.bucket(bucket));
        RunManifest manifest =
            new RunManifest(
                "h03v03-training-" + run,
                SCENE.tile(),
                "file://" + scratchInImage + "/",
                Instant.now(),
                1,
                KeyLayout.inBucket(bucket),
                List.of(new SceneEntry(SCENE, bundles)),
                Map.of());
        String manifestUri = new ManifestStore(s3).write(manifest).toString();
        List<String> command = new ArrayList<>(launcher);
        Map<String, String> env = JobEnv.forStore(store.settings());
        env.put(JobEnv.RUN_ID, manifest.runId());
        env.put(JobEnv.MANIFEST, manifestUri);
        env.forEach((k, v) -> command.add(k + "=" + v));
        command.addAll(java);
        double[] seconds = timed(command, storeDir.resolve(bucket), scratch.resolve("run-" + run + ".log"));
        if (!new MarkerStore(s3, manifest.layout()).isDone(Stage.FETCH, SCENE)) {
          throw new IllegalStateException("run " + run + ": the job exited 0 but the scene has no completion marker");
        }
        System.out.printf(Locale.ROOT, "run %d: first write %.2f s, exit %.2f s%n", run, seconds[0], seconds[1]);
        firstWrites.add(seconds[0]);
        exits.add(seconds[1]);
      }
    }
    System.out.printf(
        Locale.ROOT, "first_write_median_s=%.2f exit_median_s=%.2f%n", median(firstWrites), median(exits));
  }

  private static BundleSource bundle(Path scratch, String scratchInImage, Bundle kind, GeneratedBundle content)
      throws IOException {
    String name = content.prefix() + ".tar";
    Path file = scratch.resolve(name);
    MessageDigest md5 = md5();
    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), md5)) {
      content.writeTo(out);
    }
    return new BundleSource(
        kind,
        URI.create("file://" + scratchInImage + "/" + name),
        Optional.of(HexFormat.of().formatHex(md5.digest())),
        Files.size(file));
  }

  /** Runs the command; seconds to the first new entry under {@code bucketDir} and to its exit. */
  private static double[] timed(List<String> command, Path bucketDir, Path log) throws Exception {
    ProcessBuilder child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    try (WatchService watch = bucketDir.getFileSystem().newWatchService()) {
      bucketDir.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
      long start = System.nanoTime();
      Process process = child.start();
      WatchKey key = null;
      while (key == null && process.isAlive()) {
        key = watch.poll(5, TimeUnit.MILLISECONDS);
      }
      double firstWrite = key == null ? Double.NaN : (System.nanoTime() - start) / 1e9;
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("fetch-scene did not finish within 5 minutes: " + command);
      }
      double exit = (System.nanoTime() - start) / 1e9;
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "fetch-scene exited " + process.exitValue() + ": " + command + "\n" + Files.readString(log));
      }
      return new double[] {firstWrite, exit};
    }
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
