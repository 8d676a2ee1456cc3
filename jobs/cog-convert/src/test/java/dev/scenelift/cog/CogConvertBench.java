package dev.scenelift.cog;

import dev.scenelift.gdal.Gdal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;

/**
 * Benchmark, not a test (run by {@code bench/cog-convert/run}): our conversion against {@code gdal_translate -of COG}
 * with the same creation options, on one 5000x5000 Int16 band (alternating runs, medians) and on a whole synthetic
 * scene (7 SR bands + 4 QA bands), ours with bands in parallel against the CLI band after band.
 */
public final class CogConvertBench {
  private static final int SIZE = 5000;
  private static final String ID = "LC08_CU_003003_20130414_20170713_C01_V01";

  private CogConvertBench() {}

  public static void main(String[] args) throws Exception {
    Path work = Paths.get(args.length > 0 ? args[0] : Files.createTempDirectory("cog-bench").toString());
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Files.createDirectories(work);
    Gdal.init();
    gdal.SetCacheMax(256 * 1024 * 1024);
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf("GDAL %s, %d cores, work dir %s%n", Gdal.version(), cores, work);

    // 1. one band, same options, NUM_THREADS = cores for both
    Path band = reflectance(work.resolve(ID + "_SRB4.tif"), 4);
    CogConverter single = new CogConverter(CogProfile.parse("deflate"), cores);
    List<String> co = single.creationOptions(BandKind.CONTINUOUS, true);
    System.out.println("creation options: " + co);
    Path ours = work.resolve("ours.tif");
    Path theirs = work.resolve("theirs.tif");
    timeOurs(single, band, ours, BandKind.CONTINUOUS); // warm-up (page cache, GDAL drivers)
    timeCli(band, theirs, co);
    double[] o = new double[rounds];
    double[] t = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      o[i] = timeOurs(single, band, ours, BandKind.CONTINUOUS);
      t[i] = timeCli(band, theirs, co);
      System.out.printf("band round %d: ours %.2f s, gdal_translate %.2f s%n", i + 1, o[i], t[i]);
    }
    double bandRatio = median(o) / median(t);
    System.out.printf(
        "band: ours median %.2f s, gdal_translate median %.2f s, ratio %.3f; sizes %d vs %d bytes%n",
        median(o), median(t), bandRatio, Files.size(ours), Files.size(theirs));

    // 2. a whole scene: 7 SR bands + 4 QA bands
    List<Path> scene = new ArrayList<>();
    for (int b = 1; b <= 7; b++) {
      scene.add(b == 4 ? band : reflectance(work.resolve(ID + "_SRB" + b + ".tif"), b));
    }
    scene.add(qa(work.resolve(ID + "_PIXELQA.tif"), gdalconstConstants.GDT_UInt16, 11));
    scene.add(qa(work.resolve(ID + "_RADSATQA.tif"), gdalconstConstants.GDT_UInt16, 8));
    scene.add(qa(work.resolve(ID + "_SRCLOUDQA.tif"), gdalconstConstants.GDT_Byte, 8));
    scene.add(qa(work.resolve(ID + "_SRAEROSOLQA.tif"), gdalconstConstants.GDT_Byte, 8));
    int workers = cores;
    CogConverter perBand = new CogConverter(CogProfile.parse("deflate"), Math.max(1, cores / workers));
    Path outDir = Files.createDirectories(work.resolve("scene-out"));
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    double sceneOurs;
    try {
      long start = System.nanoTime();
      List<Future<?>> jobs = new ArrayList<>();
      for (Path in : scene) {
        BandKind kind = BandKind.ofFile(in.getFileName().toString());
        jobs.add(pool.submit(() -> {
          perBand.convert(in.toString(), outDir.resolve("ours-" + in.getFileName()), kind);
          return null;
        }));
      }
      for (Future<?> f : jobs) {
        f.get();
      }
      sceneOurs = (System.nanoTime() - start) / 1e9;
    } finally {
      pool.shutdownNow();
    }
    long start = System.nanoTime();
    for (Path in : scene) {
      BandKind kind = BandKind.ofFile(in.getFileName().toString());
      cli(in, outDir.resolve("cli-" + in.getFileName()), perBand.creationOptions(kind, true));
    }
    double sceneCli = (System.nanoTime() - start) / 1e9;
    double sceneRatio = sceneOurs / sceneCli;
    System.out.printf(
        "scene (%d bands): ours %d bands at a time %.2f s, gdal_translate band after band %.2f s (same per-band"
            + " options, NUM_THREADS=%d), ratio %.3f%n",
        scene.size(), workers, sceneOurs, sceneCli, Math.max(1, cores / workers), sceneRatio);
    System.out.printf("cog-convert ratio_vs_gdal_translate=%.3f scene_ratio_vs_sequential_cli=%.3f%n", bandRatio, sceneRatio);
  }

  private static double timeOurs(CogConverter c, Path in, Path out, BandKind kind) throws IOException {
    Files.deleteIfExists(out);
    long start = System.nanoTime();
    c.convert(in.toString(), out, kind);
    return (System.nanoTime() - start) / 1e9;
  }

  private static double timeCli(Path in, Path out, List<String> co) throws Exception {
    Files.deleteIfExists(out);
    long start = System.nanoTime();
    cli(in, out, co);
    return (System.nanoTime() - start) / 1e9;
  }

  private static void cli(Path in, Path out, List<String> co) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("gdal_translate", "-q", "-of", "COG"));
    for (String o : co) {
      cmd.add("-co");
      cmd.add(o);
    }
    cmd.add(in.toString());
    cmd.add(out.toString());
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("gdal_translate failed: " + cmd);
    }
  }

  private static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** Surface-reflectance-like texture: fields, gradients, noise, a nodata wedge in one corner. */
  private static Path reflectance(Path file, int seed) {
    Random random = new Random(seed);
    double fx = 40 + random.nextInt(40);
    double fy = 30 + random.nextInt(40);
    int[] noise = new int[4096];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (int) (random.nextGaussian() * 60);
    }
    return TestRasters.write(
        file, SIZE, SIZE, gdalconstConstants.GDT_Int16,
        (x, y) -> x + y < 900 ? -9999
            : (int) (2500 + 900 * Math.sin(x / fx) * Math.cos(y / fy) + 400 * ((x / 97 + y / 131) % 5)
                + noise[(x * 31 + y * 17) & 4095]),
        -9999.0);
  }

  /** Bit-field QA band: mostly one "clear" code, patches of cloud/shadow/water codes. */
  private static Path qa(Path file, int type, int bits) {
    return TestRasters.write(
        file, SIZE, SIZE, type,
        (x, y) -> x + y < 900 ? 1 : 1 << (2 + ((int) (3 * Math.abs(Math.sin(x / 211.0) * Math.cos(y / 157.0)))) % (bits - 2)),
        1.0);
  }
}
