package dev.scenelift.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scenelift.scene.Stage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Starts each job image without a container engine (opt-in with the images; needs root): the base layer unpacked
 * once, the job's layers bind-mounted at /app, and the image's own entrypoint run under {@code unshare --mount --pid
 * --fork --mount-proc} + {@code chroot} as the image's user, with only the image's environment.
 */
@EnabledIfSystemProperty(named = "scenelift.images", matches = "true")
@EnabledOnOs(OS.LINUX)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobImagesStartTest {
  // $1 rootfs, $2 job layers, $3 probe classes; then the user and the command (env -i K=V ... cmd args)
  private static final String ENTER =
      """
      set -e
      root=$1; app=$2; probe=$3; user=$4; shift 4
      mount --bind "$app/app" "$root/app"
      mount --bind "$probe" "$root/probe"
      mount -t proc proc "$root/proc"
      mount --rbind /dev "$root/dev"
      exec chroot --userspec="$user" "$root" /usr/bin/env -i -C /home/scenelift "$@"
      """;

  private Path work;
  private Path rootfs;

  @BeforeAll
  void unpackTheBaseLayer() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "unshare and chroot need root");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/unshare")), "util-linux unshare");
    ImageTar base = ImageTar.read(JobImage.baseTar());
    work = Files.createTempDirectory("scenelift-images-");
    rootfs = Files.createDirectories(work.resolve("rootfs"));
    for (String layer : base.layers()) {
      unpack(base, layer, rootfs);
    }
    Files.createDirectories(rootfs.resolve("app"));
    Files.createDirectories(rootfs.resolve("probe"));
  }

  @AfterAll
  void deleteTheUnpackedImages() throws Exception {
    if (work != null) {
      Run rm = run(List.of("rm", "-rf", "--one-file-system", work.toString()), 300);
      assertThat(rm.exitCode()).as(rm.output()).isZero();
      assertThat(work).doesNotExist();
    }
  }

  @ParameterizedTest
  @EnumSource(Stage.class)
  void imageStartsAsItsNonRootUserAndPrintsItsHelp(Stage stage) throws Exception {
    ImageTar image = ImageTar.read(JobImage.of(stage).tar());
    Path app = unpackApplication(image, stage);
    List<String> command = new ArrayList<>();
    image.config().path("config").path("Entrypoint").forEach(a -> command.add(a.asText()));
    command.add("--help");

    Run run = runInImage(image, app, command);

    System.out.println(stage + " --help:\n" + run.output());
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains(stage.jobName());
  }

  @ParameterizedTest
  @EnumSource(Stage.class)
  void processesInTheImageRunAsUid10001(Stage stage) throws Exception {
    ImageTar image = ImageTar.read(JobImage.of(stage).tar());

    Run run = runInImage(image, unpackApplication(image, stage), List.of("id", "-u"));

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output().strip()).isEqualTo("10001");
  }

  @ParameterizedTest
  @EnumSource(Stage.class)
  void gdalLoadsInsideTheImage(Stage stage) throws Exception {
    ImageTar image = ImageTar.read(JobImage.of(stage).tar());
    Path app = unpackApplication(image, stage);

    Run run =
        runInImage(
            image,
            app,
            List.of(
                "java",
                "-Djava.library.path=/opt/scenelift/gdal-jni",
                "-cp",
                "/probe:/app/classpath/*:/app/libs/*",
                GdalProbe.class.getName()));

    System.out.println(stage + ": " + run.output());
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).containsPattern("GDAL 3\\.\\d+\\.\\d+");
  }

  /**
   * fetch-scene's image maps the class-data archive its build made (docker/cds/train-archive.sh) into the image's own
   * JVM, on the image's own class path and files: with {@code -Xshare:on} the JVM refuses to start when it cannot, and
   * the job's classes come from the archive, not from its jar.
   */
  @Test
  void fetchSceneMapsTheClassDataArchiveItShips() throws Exception {
    ImageTar image = ImageTar.read(JobImage.of(Stage.FETCH).tar());
    List<String> command = new ArrayList<>();
    image.config().path("config").path("Entrypoint").forEach(a -> command.add(a.asText()));
    assertThat(command).contains("-XX:SharedArchiveFile=/app/cds/fetch-scene.jsa");
    command.addAll(1, List.of("-Xshare:on", "-Xlog:class+load=info"));
    command.add("--version");

    Run run = runInImage(image, unpackApplication(image, Stage.FETCH), command);

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("dev.scenelift.fetch.FetchSceneMain source: shared objects file (top)")
        .contains("dev.scenelift.fetch.FetchCommand source: shared objects file (top)")
        .doesNotContain("[warning][cds");
  }

  private Path unpackApplication(ImageTar image, Stage stage) throws Exception {
    Path app = work.resolve(stage.jobName());
    if (!Files.isDirectory(app)) {
      Files.createDirectories(app);
      List<String> layers = image.layers();
      for (String layer : layers.subList(1, layers.size())) {
        unpack(image, layer, app);
      }
    }
    return app;
  }

  private Run runInImage(ImageTar image, Path app, List<String> command) throws Exception {
    Path probe = Path.of(GdalProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> args = new ArrayList<>(List.of("unshare", "--mount", "--pid", "--fork", "--mount-proc"));
    args.addAll(List.of("sh", "-c", ENTER, "enter", rootfs.toString(), app.toString(), probe.toString()));
    args.add(image.config().path("config").path("User").asText());
    for (Map.Entry<String, String> e : image.env().entrySet()) {
      args.add(e.getKey() + "=" + e.getValue());
    }
    args.addAll(command);
    return run(args, 180);
  }

  private void unpack(ImageTar image, String layer, Path into) throws Exception {
    Path blob = image.extractBlob(layer, work.resolve("layer-" + System.nanoTime()));
    try {
      Run tar = run(List.of("tar", "--numeric-owner", "-xf", blob.toString(), "-C", into.toString()), 300);
      assertThat(tar.exitCode()).as(tar.output()).isZero();
    } finally {
      Files.deleteIfExists(blob);
    }
  }

  private static Run run(List<String> command, int seconds) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private record Run(int exitCode, String output) {}
}
