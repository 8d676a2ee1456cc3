package dev.scenelift.fetch;

import dev.scenelift.job.JobEnv;
import dev.scenelift.manifest.BundleSource;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.manifest.ManifestStore;
import dev.scenelift.store.S3ClientFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * bench/fetch: one SR-sized bundle (8 entries of pseudo-random bytes, about 266 MB) from a local folder into the
 * embedded store (on disk), in one run, repetitions interleaved, medians:
 *
 * <ul>
 *   <li>ours, embedded: fetch-scene's entry point called in the store's JVM, which is how {@code submit-run}'s
 *       embedded engine runs it (the JVM, the S3 classes and the store are up already, as they are when that engine
 *       reaches the fetch stage). This is the figure of the ratio line: the embedded store exists only there;
 *   <li>ours, fresh JVM: fetch-scene in a child JVM with {@code -Xmx256m}, JVM start included, as an AWS Batch array
 *       child that has a single bundle to fetch would pay it; it also gives the peak heap;
 *   <li>(a) {@code tar -x} to disk, then {@code /usr/bin/aws s3 cp --recursive} (awscli v2) to the same endpoint;
 *   <li>(b) one single PUT of the bundle's bytes with the SDK: in the store's JVM (the store's own limit, against
 *       the embedded figure) and from a fresh JVM ({@link SinglePut}, against the fresh-JVM figure).
 * </ul>
 *
 * One untimed pass of each way warms the store and the page cache first; the embedded way's first pass is printed,
 * being what the first bundle of a fresh {@code submit-run} sees. Arguments: {@code <cache dir> <work dir>}; the
 * bundle is generated once into the cache dir. {@code -Dbench.repetitions=N} changes the repetitions (default 5).
 */
public final class FetchBenchmark {
  private static final SceneId SCENE = SceneId.parse("LC08_CU_003003_20130414_20170713_C01_V01");
  private static final int ENTRIES = 8;
  private static final long ENTRY_SIZE = 33_250_000L;
  private static final int REPETITIONS = Integer.getInteger("bench.repetitions", 5);
  private static final String BUCKET = "bench";
  private static final String AWS = "/usr/bin/aws";

  private FetchBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path cache = Path.of(args[0]);
    Path work = Path.of(args[1]);
    Files.createDirectories(cache);
    Files.createDirectories(work);
    Path bundle = cache.resolve(SCENE + "_SR.tar");
    String md5 = ensureBundle(bundle);
    long bytes = Files.size(bundle);
    System.out.printf(Locale.ROOT, "bundle: %s (%d bytes, %d entries, md5 %s)%n", bundle, bytes, ENTRIES, md5);

    List<Double> embedded = new ArrayList<>();
    List<Double> fresh = new ArrayList<>();
    List<Double> freshCds = new ArrayList<>();
    List<Double> firstWrite = new ArrayList<>();
    List<Double> firstWriteCds = new ArrayList<>();
    List<Double> tarAws = new ArrayList<>();
    List<Double> put = new ArrayList<>();
    List<Double> freshPut = new ArrayList<>();
    long peakHeap = 0;
    double firstEmbedded;
    try (EmbeddedS3Store store = EmbeddedS3Store.onDisk(work.resolve("store"), 0);
        S3Client s3 = S3ClientFactory.create(store.settings())) {
      s3.createBucket(b -> b.bucket(BUCKET));
      Fetch fetch = new Fetch(store, s3, bundle, md5, work, ChildJvm.Image.fromProperties(work));
      // one untimed pass of each way first: warms the store's JIT and the page cache for all alike
      firstEmbedded = fetch.embedded(0);
      empty(s3);
      singlePut(s3, bundle);
      empty(s3);
      singlePutFreshJvm(store, bundle);
      empty(s3);
      tarThenAwsCli(store, bundle, work);
      empty(s3);
      fetch.freshJvm(0, ChildJvm.Cds.TRAIN);
      empty(s3);
      for (int rep = 1; rep <= REPETITIONS; rep++) {
        embedded.add(fetch.embedded(rep));
        empty(s3);
        put.add(singlePut(s3, bundle));
        empty(s3);
        tarAws.add(tarThenAwsCli(store, bundle, work));
        empty(s3);
        Measured child = fetch.freshJvm(rep, ChildJvm.Cds.OFF);
        peakHeap = Math.max(peakHeap, child.peakHeap);
        fresh.add(child.seconds);
        firstWrite.add(child.firstWrite);
        empty(s3);
        Measured withCds = fetch.freshJvm(rep, ChildJvm.Cds.USE);
        peakHeap = Math.max(peakHeap, withCds.peakHeap);
        freshCds.add(withCds.seconds);
        firstWriteCds.add(withCds.firstWrite);
        empty(s3);
        freshPut.add(singlePutFreshJvm(store, bundle));
        empty(s3);
        System.out.printf(
            Locale.ROOT,
            "rep %d: embedded %.2f s, fresh JVM %.2f s (first write %.2f s, in-job %.2f s, peak heap %d MiB),"
                + " fresh JVM with the archive %.2f s (first write %.2f s), tar+awscli %.2f s,"
                + " single PUT %.2f s (fresh JVM %.2f s)%n",
            rep,
            embedded.get(rep - 1),
            child.seconds,
            child.firstWrite,
            child.jobSeconds,
            child.peakHeap >> 20,
            withCds.seconds,
            withCds.firstWrite,
            tarAws.get(rep - 1),
            put.get(rep - 1),
            freshPut.get(rep - 1));
      }
    }
    double embeddedMbs = mbs(bytes, median(embedded));
    double freshMbs = mbs(bytes, median(fresh));
    double freshCdsMbs = mbs(bytes, median(freshCds));
    double awsMbs = mbs(bytes, median(tarAws));
    double putMbs = mbs(bytes, median(put));
    double freshPutMbs = mbs(bytes, median(freshPut));
    System.out.printf(
        Locale.ROOT,
        "fetch-scene, embedded engine: %.1f MB/s (median of %d; %.1f MB/s on the first bundle of this JVM)%n",
        embeddedMbs, REPETITIONS, mbs(bytes, firstEmbedded));
    System.out.printf(
        Locale.ROOT,
        "fetch-scene, fresh JVM per bundle (the image's class path and JVM flags): %.1f MB/s without a class-data"
            + " archive, %.1f MB/s with one made on this host (JVM start included), peak heap %d MiB of -Xmx256m%n",
        freshMbs, freshCdsMbs, peakHeap >> 20);
    System.out.printf(
        Locale.ROOT,
        "fetch-scene, JVM start to the store's first write: %.2f s without the archive, %.2f s with it (medians;"
            + " the image's own archive, made by the image's JVM, is measured in the image by the image build:"
            + " docker/cds/train-archive.sh)%n",
        median(firstWrite), median(firstWriteCds));
    System.out.printf(Locale.ROOT, "tar -x + aws s3 cp --recursive: %.1f MB/s%n", awsMbs);
    System.out.printf(Locale.ROOT, "single PUT (SDK): %.1f MB/s in the store's JVM, %.1f MB/s from a fresh JVM%n",
        putMbs, freshPutMbs);
    System.out.printf(
        Locale.ROOT,
        "fetch-scene fresh-JVM ratio_vs_tar_awscli=%.2f ratio_vs_single_put=%.2f"
            + " (without the archive: %.2f, %.2f)%n",
        freshCdsMbs / awsMbs,
        freshCdsMbs / freshPutMbs,
        freshMbs / awsMbs,
        freshMbs / freshPutMbs);
    System.out.printf(
        Locale.ROOT,
        "fetch-scene ratio_vs_tar_awscli=%.2f ratio_vs_single_put=%.2f%n",
        embeddedMbs / awsMbs,
        embeddedMbs / putMbs);
  }

  /**
   * @param firstWrite seconds from starting the child to the store's first new object (the first entry's upload)
   */
  private record Measured(double seconds, double firstWrite, double jobSeconds, long peakHeap) {}

  /** fetch-scene over the one bundle, each time as a new run (its own manifest and run id). */
  private record Fetch(
      EmbeddedS3Store store, S3Client s3, Path bundle, String md5, Path work, ChildJvm.Image image) {

    double embedded(int rep) throws IOException {
      Map<String, String> env = manifest("embedded-" + rep);
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
      long start = System.nanoTime();
      int code = new FetchSceneJob().run(List.of(), env, out, out);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (code != 0) {
        throw new IllegalStateException("fetch-scene failed with exit code " + code + ":\n" + log);
      }
      return seconds;
    }

    /**
     * fetch-scene in a fresh JVM as the image runs it; the store's first write is seen as the first new directory
     * under the run's own bucket (the manifest lives elsewhere, and fetch-scene writes nothing before its first entry).
     */
    Measured freshJvm(int rep, ChildJvm.Cds cds) throws Exception {
      String bucket = "fresh-" + cds.name().toLowerCase(Locale.ROOT) + "-" + rep;
      s3.createBucket(b -> b.bucket(bucket));
      Map<String, String> jobEnv = manifest("fresh-" + cds.name().toLowerCase(Locale.ROOT) + "-" + rep, bucket);
      Path log = work.resolve("fetch-" + bucket + ".log");
      ProcessBuilder child =
          image.command("256m", cds, MeasuredFetch.class).redirectErrorStream(true).redirectOutput(log.toFile());
      child.environment().putAll(jobEnv);
      Path bucketDir = work.resolve("store").resolve(bucket);
      try (java.nio.file.WatchService watch = bucketDir.getFileSystem().newWatchService()) {
        bucketDir.register(watch, java.nio.file.StandardWatchEventKinds.ENTRY_CREATE);
        long start = System.nanoTime();
        Process process = child.start();
        java.nio.file.WatchKey key = null;
        while (key == null && process.isAlive()) {
          key = watch.poll(5, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        double firstWrite = key == null ? Double.NaN : (System.nanoTime() - start) / 1e9;
        int code = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> lines = Files.readAllLines(log);
        if (code != 0) {
          throw new IllegalStateException(
              "fetch-scene failed with exit code " + code + ":\n" + String.join("\n", lines));
        }
        emptyBucket(s3, bucket);
        s3.deleteBucket(b -> b.bucket(bucket));
        return new Measured(
            seconds, firstWrite, value(lines, "elapsed_ns=") / 1e9, value(lines, "peak_heap_bytes="));
      }
    }

    private Map<String, String> manifest(String name) throws IOException {
      return manifest(name, BUCKET);
    }

    private Map<String, String> manifest(String name, String bucket) throws IOException {
      RunManifest manifest =
          new RunManifest(
              "h03v03-bench-" + name,
              SCENE.tile(),
              bundle.getParent().toUri().toString(),
              Instant.now(),
              1,
              KeyLayout.inBucket(bucket),
              List.of(
                  new SceneEntry(
                      SCENE,
                      List.of(
                          new BundleSource(Bundle.SR, bundle.toUri(), Optional.of(md5), Files.size(bundle))))),
              Map.of());
      return env(manifest.runId(), new ManifestStore(s3).write(manifest).toString());
    }

    private Map<String, String> env(String runId, String manifestUri) {
      Map<String, String> env = JobEnv.forStore(store.settings());
      env.put(JobEnv.RUN_ID, runId);
      env.put(JobEnv.MANIFEST, manifestUri);
      return env;
    }
  }

  private static double singlePut(S3Client s3, Path bundle) {
    long start = System.nanoTime();
    s3.putObject(b -> b.bucket(BUCKET).key("put/" + bundle.getFileName()), RequestBody.fromFile(bundle));
    return (System.nanoTime() - start) / 1e9;
  }

  private static double mbs(long bytes, double seconds) {
    return bytes / 1e6 / seconds;
  }

  private static double tarThenAwsCli(EmbeddedS3Store store, Path bundle, Path work) throws Exception {
    Path extracted = work.resolve("extracted");
    deleteTree(extracted);
    Files.createDirectories(extracted);
    long start = System.nanoTime();
    run(new ProcessBuilder("tar", "-xf", bundle.toString(), "-C", extracted.toString()));
    ProcessBuilder aws =
        new ProcessBuilder(
            AWS,
            "s3",
            "cp",
            "--recursive",
            "--no-progress",
            "--endpoint-url",
            store.endpoint().toString(),
            extracted.toString(),
            "s3://" + BUCKET + "/awscli/");
    Map<String, String> env = aws.environment();
    env.put("AWS_ACCESS_KEY_ID", EmbeddedS3Store.ACCESS_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", EmbeddedS3Store.SECRET_KEY);
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_CONFIG_FILE", work.resolve("no-aws-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-aws-credentials").toString());
    run(aws);
    double seconds = (System.nanoTime() - start) / 1e9;
    deleteTree(extracted);
    return seconds;
  }

  private static double singlePutFreshJvm(EmbeddedS3Store store, Path bundle) throws Exception {
    ProcessBuilder child =
        ChildJvm.of(
            "256m",
            SinglePut.class,
            store.endpoint().toString(),
            BUCKET,
            "put/" + bundle.getFileName(),
            bundle.toString());
    long start = System.nanoTime();
    run(child);
    return (System.nanoTime() - start) / 1e9;
  }

  private static String ensureBundle(Path bundle) throws Exception {
    Path md5File = bundle.resolveSibling(bundle.getFileName() + ".md5");
    if (Files.exists(bundle) && Files.exists(md5File)) {
      return Files.readString(md5File).strip().split("\\s+")[0];
    }
    Path partial = bundle.resolveSibling(bundle.getFileName() + ".partial");
    MessageDigest digest = MessageDigest.getInstance("MD5");
    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), digest)) {
      new GeneratedBundle(SCENE + "_SR", ENTRIES, ENTRY_SIZE).writeTo(out);
    }
    String md5 = HexFormat.of().formatHex(digest.digest());
    Files.move(partial, bundle, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(md5File, md5 + " " + bundle.getFileName());
    return md5;
  }

  private static void run(ProcessBuilder process) throws Exception {
    Process p = process.redirectErrorStream(true).start();
    String output;
    try (InputStream in = p.getInputStream()) {
      output = new String(in.readAllBytes());
    }
    int code = p.waitFor();
    if (code != 0) {
      throw new IllegalStateException(String.join(" ", process.command()) + " failed (" + code + "):\n" + output);
    }
  }

  private static void empty(S3Client s3) {
    emptyBucket(s3, BUCKET);
  }

  private static void emptyBucket(S3Client s3, String bucket) {
    for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
      s3.deleteObject(b -> b.bucket(bucket).key(o.key()));
    }
  }

  private static long value(List<String> lines, String prefix) {
    return lines.stream()
        .filter(l -> l.startsWith(prefix))
        .map(l -> Long.parseLong(l.substring(prefix.length()).strip()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("child printed no " + prefix));
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
