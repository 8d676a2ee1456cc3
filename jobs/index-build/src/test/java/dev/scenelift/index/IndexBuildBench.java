package dev.scenelift.index;

import dev.scenelift.job.JobEnv;
import dev.scenelift.json.Json;
import dev.scenelift.manifest.Md5List;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Location;
import dev.scenelift.store.S3Settings;
import dev.scenelift.verdict.CloudVerdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Benchmark (not a test): index-build over a fabricated 2357-scene tile without pixel data, thumbnails off. The tile is
 * made from the real md5 list (scene ids) and the 2017 bucket listing (one object per listed file, in our layout), with
 * a cloud.json per scene and empty stand-ins for the SR COGs of cloud-free scenes. Counts the S3 requests index-build's
 * client makes (GDAL's own reads of the COG stand-ins are not SDK requests and are not counted).
 *
 * <p>Usage: {@code IndexBuildBench <md5-list> <bucket-listing>}. Last line: {@code index-build seconds=<s>
 * requests=<n>}.
 */
public final class IndexBuildBench {
  private IndexBuildBench() {}

  public static void main(String[] args) throws Exception {
    Path md5 = Path.of(args[0]);
    Path listing = Path.of(args[1]);
    KeyLayout layout = KeyLayout.inBucket("scenelift");
    try (EmbeddedS3Store store = EmbeddedS3Store.inMemory();
        S3Client plain = S3ClientFactory.create(store.settings())) {
      plain.createBucket(b -> b.bucket("scenelift"));
      long t0 = System.nanoTime();
      int objects = fabricate(plain, layout, md5, listing);
      System.out.printf(Locale.ROOT, "fabricated %d objects in %.1f s%n", objects, secs(t0));

      long a0 = System.nanoTime();
      AtomicLong anchorRequests = new AtomicLong();
      try (S3Client counting = counting(store.settings(), anchorRequests)) {
        ObjectLister lister = new ObjectLister(counting);
        int n = 0;
        for (S3Location root : List.of(layout.raw(), layout.opt(), layout.cog())) {
          n += lister.list(root).size();
        }
        System.out.printf(Locale.ROOT, "anchor: listing %d objects: %.2f s, %d requests%n", n, secs(a0), anchorRequests.get());
      }
      double anchor = secs(a0);

      Map<String, String> env = new HashMap<>();
      env.put(JobEnv.S3_ENDPOINT, store.endpoint().toString());
      env.put(JobEnv.S3_ACCESS_KEY_ID, EmbeddedS3Store.ACCESS_KEY);
      env.put(JobEnv.S3_SECRET_ACCESS_KEY, EmbeddedS3Store.SECRET_KEY);
      env.put(JobEnv.WORKERS, Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors())));
      String[] cli = {"--tile", "h03v03", "--bucket", "scenelift", "--no-thumbnails"};

      AtomicLong fullRequests = new AtomicLong();
      long f0 = System.nanoTime();
      int code = run(env, cli, fullRequests);
      double full = secs(f0);
      System.out.printf(Locale.ROOT, "full index: %.2f s, %d requests, exit %d%n", full, fullRequests.get(), code);

      AtomicLong rerunRequests = new AtomicLong();
      long r0 = System.nanoTime();
      code = run(env, cli, rerunRequests);
      double rerun = secs(r0);
      System.out.printf(
          Locale.ROOT, "rerun, nothing changed: %.2f s, %d requests, exit %d%n", rerun, rerunRequests.get(), code);
      System.out.printf(
          Locale.ROOT, "ratio full/anchor %.1f, rerun/anchor %.1f (single run each: median of 1)%n", full / anchor, rerun / anchor);
      System.out.printf(Locale.ROOT, "index-build seconds=%.2f requests=%d%n", full, fullRequests.get());
    }
  }

  private static int run(Map<String, String> env, String[] cli, AtomicLong requests) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        new IndexBuildEntryPoint(s -> counting(s, requests))
            .run(List.of(cli), env, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    System.out.print(out.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("") + "\n");
    return code;
  }

  /** The factory's client settings plus an interceptor that counts every request sent. */
  static S3Client counting(S3Settings settings, AtomicLong counter) {
    S3Settings.StaticCredentials c = settings.staticCredentials().orElseThrow();
    return S3Client.builder()
        .httpClientBuilder(ApacheHttpClient.builder().maxConnections(S3ClientFactory.MAX_CONNECTIONS))
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).chunkedEncodingEnabled(false).build())
        .region(Region.US_EAST_1)
        .endpointOverride(settings.endpoint().orElseThrow())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())))
        .overrideConfiguration(
            o ->
                o.addExecutionInterceptor(
                    new ExecutionInterceptor() {
                      @Override
                      public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attrs) {
                        counter.incrementAndGet();
                      }
                    }))
        .build();
  }

  private static int fabricate(S3Client s3, KeyLayout layout, Path md5, Path listing) throws Exception {
    Set<SceneId> scenes = new LinkedHashSet<>();
    for (var e : Md5List.parse(Files.newBufferedReader(md5), md5.toString())) {
      scenes.add(e.name().scene());
    }
    List<String[]> puts = new ArrayList<>();
    for (String line : Files.readAllLines(listing)) {
      String[] cols = line.trim().split("\\s+");
      if (cols.length < 4 || !cols[3].startsWith("h03v03/")) {
        continue;
      }
      String file = cols[3].substring("h03v03/".length());
      if (file.length() < 40) {
        continue;
      }
      SceneId id;
      try {
        id = SceneId.parse(file.substring(0, 40));
      } catch (RuntimeException e) {
        continue;
      }
      String rest = file.substring(40);
      S3Location loc;
      if (rest.equals(".xml")) {
        loc = layout.metadataXml(layout.raw(), id);
      } else if (rest.matches("_[A-Z]{2}\\.(tar|md5)")) {
        loc = layout.rawObject(id, Bundle.parse(rest.substring(1, 3)), file);
      } else {
        loc = layout.sceneDir(layout.raw(), id).resolve(file);
      }
      puts.add(new String[] {loc.key(), ""});
    }
    for (SceneId id : scenes) {
      // deterministic pseudo cloud cover from the id
      double cloud = Math.floorMod(id.toString().hashCode(), 1000) / 10.0;
      boolean clear = cloud <= 10;
      CloudVerdict v =
          new CloudVerdict(
              id, clear, clear ? "clear" : "cloud " + cloud + "% > 10%", Map.of(), Map.of("cloud", cloud, "fill", 12.0),
              Map.of(), Map.of("max-cloud", "10"), "bench", Instant.parse("2026-01-01T00:00:00Z"));
      puts.add(new String[] {layout.cloudVerdict(id).key(), Json.write(v)});
      if (clear) {
        for (String band : List.of("B1", "B2", "B3", "B4", "B5", "B6", "B7")) {
          puts.add(new String[] {layout.cogObject(id, Bundle.SR, id + "_SR" + band + ".tif").key(), ""});
        }
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (String[] p : puts) {
        fs.add(pool.submit(() -> s3.putObject(b -> b.bucket("scenelift").key(p[0]), RequestBody.fromString(p[1]))));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return puts.size();
  }

  private static double secs(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
