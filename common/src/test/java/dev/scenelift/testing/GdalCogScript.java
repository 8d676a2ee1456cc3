package dev.scenelift.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * GDAL's own COG validator, {@code validate_cloud_optimized_geotiff.py} from Debian's python3-gdal (installed by
 * docker/setup-host.sh), run with Debian's {@code /usr/bin/python3}: the python3 first on the PATH may be another one
 * without the osgeo module. It is the arbiter cog-convert's {@code CogValidator} is checked against, and the check of
 * the other COGs the suite writes (index-build's map previews).
 */
public final class GdalCogScript {
  static final Path PYTHON = Path.of("/usr/bin/python3");
  /** Where python3-gdal ships the script: the osgeo_utils module, else the package's examples. */
  static final List<Path> LOCATIONS =
      List.of(
          Path.of("/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_cloud_optimized_geotiff.py"),
          Path.of("/usr/share/doc/python3-gdal/examples/validate_cloud_optimized_geotiff.py"));

  /** What the script said: its exit code (0 valid, 1 not) and its output. */
  public record Verdict(int exit, String output) {
    public boolean valid() {
      return exit == 0 && output.contains("is a valid cloud optimized GeoTIFF");
    }
  }

  private final Path script;

  public GdalCogScript() {
    script =
        LOCATIONS.stream()
            .filter(Files::isRegularFile)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "GDAL's validate_cloud_optimized_geotiff.py is not installed (looked in " + LOCATIONS
                            + "): run docker/setup-host.sh, which installs python3-gdal"));
    if (!Files.isExecutable(PYTHON)) {
      throw new IllegalStateException(PYTHON + " is missing: run docker/setup-host.sh");
    }
  }

  /** Runs the script on a local file with its full check (tile leaders and trailers). */
  public Verdict validate(Path tif) {
    Path output = tif.resolveSibling(tif.getFileName() + ".gdal-validate.txt");
    ProcessBuilder pb =
        new ProcessBuilder(PYTHON.toString(), script.toString(), "--full-check=yes", tif.toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    // Debian's own module path, not whatever a pyenv or virtualenv put first
    pb.environment().remove("PYTHONPATH");
    pb.environment().remove("PYTHONHOME");
    try {
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(script + " did not finish on " + tif);
      }
      return new Verdict(p.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      try {
        Files.deleteIfExists(output);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
