package dev.scenelift.synthetic;

import dev.scenelift.gdal.ArdAlbers;

import dev.scenelift.gdal.Gdal;
import dev.scenelift.gdal.GdalDataset;
import dev.scenelift.gdal.GdalException;
import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.BundleName;
import dev.scenelift.scene.Collection;
import dev.scenelift.scene.Tile;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Vector;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.Driver;
import org.gdal.gdal.TranslateOptions;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;

/**
 * Writes one synthetic scene into a folder as its bundles and their {@code .md5} files: Collection 1's four ({@code
 * <id>_SR.tar}, {@code _TA}, {@code _BT}, {@code _QA}; {@code .tif} GeoTIFFs and the v1.1 XML in each) or Collection 2's
 * five ({@code _SR}, {@code _ST}, {@code _TOA}, {@code _BT}, {@code _QA}; {@code .TIF} Cloud Optimized GeoTIFFs, as USGS
 * ships C2, and the C2 XML in each).
 *
 * <p>Rasters are written strip by strip (one row of 256-pixel tiles at a time, so memory stays bounded whatever the
 * size) as tiled, DEFLATE-compressed GeoTIFFs in a private work folder; GDAL compresses on all cores. Each tar is
 * written under a temporary name and renamed into place, and its {@code .md5} is written after it, so a crash never
 * leaves a bundle that looks finished.
 */
final class SceneWriter {
  private static final int MAX_BLOCK = 256;

  private final SceneRecipe recipe;
  private final int size;
  private final ExecutorService workers;
  private final int threads;

  /**
   * @param workers runs the model's row ranges and the bands of each strip in parallel
   * @param threads how many tasks to split each strip's model into (the pool's size)
   */
  SceneWriter(SceneRecipe recipe, int size, ExecutorService workers, int threads) {
    this.recipe = recipe;
    this.size = size;
    this.workers = workers;
    this.threads = threads;
  }

  /** Writes the scene's bundles into {@code dir}; returns the bundle files written. */
  List<Path> write(Path dir) throws IOException {
    Path work = Files.createTempDirectory(dir, "." + recipe.id() + ".work-");
    try {
      boolean c2 = collection() == Collection.C2;
      List<BandSpec> bands = c2 ? C2Bands.of(recipe.sensor()) : SensorBands.of(recipe.sensor(), recipe.id().toString());
      QaStats stats = writeRasters(work, bands);
      if (c2) {
        for (BandSpec b : bands) {
          toCog(raster(work, b), b);
        }
      }
      Path xml = work.resolve(recipe.id() + ".xml");
      if (c2) {
        new C2ArdXml(recipe, bands).write(stats, xml);
      } else {
        new ArdXml(recipe, bands, size).write(stats, xml);
      }
      List<Path> out = new ArrayList<>();
      for (Bundle bundle : Bundle.of(collection())) {
        List<Path> files = new ArrayList<>();
        for (BandSpec b : bands) {
          if (b.bundle() == bundle) {
            files.add(raster(work, b));
          }
        }
        files.add(xml);
        out.add(tar(dir, BundleName.of(recipe.id(), bundle), files));
      }
      return out;
    } finally {
      deleteTree(work);
    }
  }

  private Collection collection() {
    return recipe.id().collection();
  }

  private Path raster(Path work, BandSpec b) {
    return work.resolve(recipe.id() + "_" + b.name() + "." + collection().rasterExtension());
  }

  /**
   * Rewrites a tiled GeoTIFF as a Cloud Optimized GeoTIFF (GDAL's COG driver: 256-pixel blocks, DEFLATE with a
   * predictor, overviews by nearest neighbour for QA bands and averaging for the others), as USGS's C2 files are.
   */
  private static void toCog(Path file, BandSpec b) {
    Path tiled = file.resolveSibling(file.getFileName() + ".tiled");
    try {
      Files.move(file, tiled);
      try (GdalDataset in = GdalDataset.openReadOnly(tiled.toString())) {
        Vector<String> args = new Vector<>(List.of("-of", "COG", "-co", "BLOCKSIZE=256", "-co", "COMPRESS=DEFLATE",
            "-co", "PREDICTOR=2", "-co", "NUM_THREADS=ALL_CPUS", "-co",
            "OVERVIEW_RESAMPLING=" + (b.kind().name().contains("QA") ? "NEAREST" : "AVERAGE")));
        Dataset out = gdal.Translate(file.toString(), in.get(), new TranslateOptions(args));
        if (out == null) {
          throw new GdalException("cannot write the COG " + file + ": " + gdal.GetLastErrorMsg(), null);
        }
        out.delete();
      }
      Files.delete(tiled);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite " + file + " as a COG", e);
    }
  }

  private QaStats writeRasters(Path work, List<BandSpec> bands) {
    Gdal.init();
    Driver gtiff = gdal.GetDriverByName("GTiff");
    int block = Math.min(MAX_BLOCK, (size + 15) / 16 * 16);
    String[] options = {
      "TILED=YES",
      "BLOCKXSIZE=" + block,
      "BLOCKYSIZE=" + block,
      "COMPRESS=DEFLATE",
      "PREDICTOR=2",
      "ZLEVEL=6",
      "NUM_THREADS=ALL_CPUS"
    };
    Tile tile = recipe.id().tile();
    double pixel = Tile.SIZE_METRES / size;
    double[] geoTransform = {tile.upperLeftX(), pixel, 0, tile.upperLeftY(), 0, -pixel};
    String wkt = ArdAlbers.wkt();
    List<GdalDataset> datasets = new ArrayList<>();
    QaStats stats = new QaStats(collection());
    try {
      for (BandSpec b : bands) {
        Dataset ds =
            gtiff.Create(raster(work, b).toString(), size, size, 1, gdal.GetDataTypeByName(b.type().gdalName),
                options);
        if (ds == null) {
          throw new GdalException("cannot create " + raster(work, b) + ": " + gdal.GetLastErrorMsg(), null);
        }
        datasets.add(GdalDataset.own(ds));
        ds.SetGeoTransform(geoTransform);
        ds.SetProjection(wkt);
        b.fill().ifPresent(f -> ds.GetRasterBand(1).SetNoDataValue(f));
      }
      PixelModel model = new PixelModel(recipe, size);
      StripRenderer renderer = new StripRenderer(recipe);
      BlockingQueue<short[]> buffers16 = new ArrayBlockingQueue<>(bands.size());
      BlockingQueue<byte[]> buffers8 = new ArrayBlockingQueue<>(bands.size());
      for (int y0 = 0; y0 < size; y0 += block) {
        int rows = Math.min(block, size - y0);
        Strip strip = new Strip(y0, rows, size);
        List<Callable<Void>> parts = new ArrayList<>();
        int per = (rows + threads - 1) / threads;
        for (int from = 0; from < rows; from += per) {
          int start = from;
          int end = Math.min(rows, from + per);
          parts.add(() -> {
            model.fill(strip, start, end);
            return null;
          });
        }
        runAll(parts);
        List<Callable<Void>> writes = new ArrayList<>();
        for (int i = 0; i < bands.size(); i++) {
          BandSpec b = bands.get(i);
          Dataset ds = datasets.get(i).get();
          int at = y0;
          writes.add(() -> {
            writeStrip(work, b, ds, strip, at, rows, renderer, stats, buffers16, buffers8);
            return null;
          });
        }
        runAll(writes);
      }
    } finally {
      datasets.forEach(GdalDataset::close);
    }
    return stats;
  }

  private void writeStrip(Path work, BandSpec b, Dataset ds, Strip strip, int y0, int rows, StripRenderer renderer,
      QaStats stats, BlockingQueue<short[]> buffers16, BlockingQueue<byte[]> buffers8) {
    Band band = ds.GetRasterBand(1);
    int n = rows * size;
    int err;
    if (b.type() == BandSpec.DataType.UINT8) {
      byte[] buf = Objects.requireNonNullElseGet(buffers8.poll(), () -> new byte[n]);
      renderer.render8(b, strip, buf);
      err = band.WriteRaster(0, y0, size, rows, gdalconstConstants.GDT_Byte, buf);
      buffers8.offer(buf);
    } else {
      short[] buf = Objects.requireNonNullElseGet(buffers16.poll(), () -> new short[n]);
      renderer.render16(b, strip, buf);
      int bufType =
          b.type() == BandSpec.DataType.UINT16 ? gdalconstConstants.GDT_UInt16 : gdalconstConstants.GDT_Int16;
      err = band.WriteRaster(0, y0, size, rows, bufType, buf);
      if (b.kind() == BandSpec.Kind.PIXEL_QA) {
        stats.add(buf, n); // one task per band, and strips run one after another: no race
      }
      buffers16.offer(buf);
    }
    if (err != gdalconstConstants.CE_None) {
      throw new GdalException("cannot write " + raster(work, b) + ": " + gdal.GetLastErrorMsg(), null);
    }
    ds.FlushCache();
  }

  /** Runs tasks on the workers and waits for all; the first failure is rethrown. */
  private void runAll(List<Callable<Void>> tasks) {
    List<Future<Void>> futures;
    try {
      futures = workers.invokeAll(tasks);
      for (Future<Void> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while generating " + recipe.id(), e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Writes a tar under a temporary name, renames it into place, then writes its {@code .md5}. */
  private Path tar(Path dir, BundleName name, List<Path> files) throws IOException {
    Path target = dir.resolve(name.toString());
    Path partial = Files.createTempFile(dir, "." + name + ".", ".partial");
    MessageDigest md5;
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Date mtime = Date.from(recipe.produced().toInstant(ZoneOffset.UTC));
    try {
      try (OutputStream file = Files.newOutputStream(partial);
          DigestOutputStream digest = new DigestOutputStream(new BufferedOutputStream(file, 1 << 16), md5);
          TarArchiveOutputStream tar = new TarArchiveOutputStream(digest)) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        for (Path f : files) {
          TarArchiveEntry entry = new TarArchiveEntry(f.getFileName().toString());
          entry.setSize(Files.size(f));
          entry.setMode(0100644);
          entry.setModTime(mtime);
          tar.putArchiveEntry(entry);
          Files.copy(f, tar);
          tar.closeArchiveEntry();
        }
        tar.finish();
      }
      readableByAll(partial);
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
    String hex = HexFormat.of().formatHex(md5.digest());
    writeAtomically(dir.resolve(name.scene() + "_" + name.bundle() + ".md5"), hex + " " + name);
    return target;
  }

  static void writeAtomically(Path target, String text) throws IOException {
    Path partial = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".partial");
    try {
      Files.writeString(partial, text, StandardCharsets.UTF_8);
      readableByAll(partial);
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /** Temp files are created owner-only; a finished bundle is an ordinary rw-r--r-- file like any download. */
  private static void readableByAll(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
