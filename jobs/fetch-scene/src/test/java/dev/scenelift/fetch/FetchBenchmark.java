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
import java.io.IOException;
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
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * bench/fetch: one SR-sized bundle (8 entries of pseudo-random bytes, about 266 MB) from a local folder into the
 * embedded store (on disk), three ways in one run, three repetitions each, medians:
 *
 * <ul>
 *   <li>ours: fetch-scene in a child JVM with {@code -Xmx256m} (wall time of the child, JVM start included);
 *   <li>(a) {@code tar -x} to disk, then {@code /usr/bin/aws s3 cp --recursive} (awscli v2) to the same endpoint;
 *   <li>(b) one single PUT of the bundle's bytes with the SDK, also from a fresh JVM ({@link SinglePut}): the
 *       store's own limit.
 * </ul>
 *
 * All three are timed as whole processes from start to exit, so each pays its own start-up; fetch-scene's time inside
 * its JVM is printed as well.
 *
 * One untimed pass of each way warms the store first. Arguments: {@code <cache dir> <work dir>}; the bundle is
 * generated once into the cache dir. {@code -Dbench.repetitions=N} changes the repetitions.
 */
public final class FetchBenchmark {
  private static final SceneId SCENE = SceneId.parse("LC08_CU_003003_20130414_20170713_C01_V01");
  private static final int ENTRIES = 8;
  private static final long ENTRY_SIZE = 33_250_000L;
  private static final int REPETITIONS = Integer.getInteger("bench.repetitions", 3);
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

    List<Double> ours = new ArrayList<>();
    List<Double> tarAws = new ArrayList<>();
    List<Double> put = new ArrayList<>();
    long peakHeap = 0;
    try (EmbeddedS3Store store = EmbeddedS3Store.onDisk(work.resolve("store"), 0);
        S3Client s3 = S3ClientFactory.create(store.settings())) {
      s3.createBucket(b -> b.bucket(BUCKET));
      // one untimed pass of each way first: warms the store's JIT and the page cache for all three alike
      singlePut(store, bundle, work);
      empty(s3);
      tarThenAwsCli(store, bundle, work);
      empty(s3);
      fetchScene(store, s3, bundle, md5, work, 0);
      empty(s3);
      for (int rep = 1; rep <= REPETITIONS; rep++) {
        put.add(singlePut(store, bundle, work));
        empty(s3);
        Measured fetch = fetchScene(store, s3, bundle, md5, work, rep);
        peakHeap = Math.max(peakHeap, fetch.peakHeap);
        ours.add(fetch.seconds);
        empty(s3);
        tarAws.add(tarThenAwsCli(store, bundle, work));
        empty(s3);
        System.out.printf(
            Locale.ROOT,
            "rep %d: fetch-scene %.2f s (in-job %.2f s, peak heap %d MiB), tar+awscli %.2f s, single PUT %.2f s%n",
            rep,
            fetch.seconds,
            fetch.jobSeconds,
            fetch.peakHeap >> 20,
            tarAws.get(rep - 1),
            put.get(rep - 1));
      }
    }
    double oursMbs = bytes / 1e6 / median(ours);
    double awsMbs = bytes / 1e6 / median(tarAws);
    double putMbs = bytes / 1e6 / median(put);
    System.out.printf(Locale.ROOT, "fetch-scene: %.1f MB/s (median of %d), peak heap %d MiB of -Xmx256m%n",
        oursMbs, REPETITIONS, peakHeap >> 20);
    System.out.printf(Locale.ROOT, "tar -x + aws s3 cp --recursive: %.1f MB/s%n", awsMbs);
    System.out.printf(Locale.ROOT, "single PUT (SDK): %.1f MB/s%n", putMbs);
    System.out.printf(
        Locale.ROOT,
        "fetch-scene ratio_vs_tar_awscli=%.2f ratio_vs_single_put=%.2f%n",
        oursMbs / awsMbs,
        oursMbs / putMbs);
  }

  private record Measured(double seconds, double jobSeconds, long peakHeap) {}

  private static Measured fetchScene(
      EmbeddedS3Store store, S3Client s3, Path bundle, String md5, Path work, int rep) throws Exception {
    KeyLayout layout = KeyLayout.inBucket(BUCKET);
    RunManifest manifest =
        new RunManifest(
            "h03v03-bench-" + rep,
            SCENE.tile(),
            bundle.getParent().toUri().toString(),
            Instant.now(),
            1,
            layout,
            List.of(
                new SceneEntry(
                    SCENE,
                    List.of(new BundleSource(Bundle.SR, bundle.toUri(), Optional.of(md5), Files.size(bundle))))),
            Map.of());
    String manifestUri = new ManifestStore(s3).write(manifest).toString();
    Path log = work.resolve("fetch-" + rep + ".log");
    ProcessBuilder child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                MeasuredFetch.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = child.environment();
    env.put(JobEnv.RUN_ID, manifest.runId());
    env.put(JobEnv.MANIFEST, manifestUri);
    env.put(JobEnv.S3_ENDPOINT, store.endpoint().toString());
    env.put(JobEnv.S3_ACCESS_KEY_ID, EmbeddedS3Store.ACCESS_KEY);
    env.put(JobEnv.S3_SECRET_ACCESS_KEY, EmbeddedS3Store.SECRET_KEY);
    long start = System.nanoTime();
    int code = child.start().waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    List<String> lines = Files.readAllLines(log);
    if (code != 0) {
      throw new IllegalStateException("fetch-scene failed with exit code " + code + ":\n" + String.join("\n", lines));
    }
    lines.stream().filter(l -> l.contains(" MB/s")).forEach(l -> System.out.println("  " + l));
    return new Measured(seconds, value(lines, "elapsed_ns=") / 1e9, value(lines, "peak_heap_bytes="));
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

  private static double singlePut(EmbeddedS3Store store, Path bundle, Path work) throws Exception {
    ProcessBuilder child =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            SinglePut.class.getName(),
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
    for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents()) {
      s3.deleteObject(b -> b.bucket(BUCKET).key(o.key()));
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
