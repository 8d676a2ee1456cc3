package dev.scenelift.cog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenelift.job.JobEntryPoint;
import dev.scenelift.scene.Stage;
import dev.scenelift.store.EmbeddedS3Store;
import dev.scenelift.store.S3ClientFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

class ValidateCommandTest {
  @TempDir Path dir;

  @Test
  void printsTableAndExitsOneWhenAnyLocalFileIsInvalid() {
    Path src = TestRasters.reflectance(dir.resolve("a_striped.tif"), 900, 800);
    TestRasters.gdalCog(src, dir.resolve("b_cog.tif"));
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new ValidateCommand(() -> { throw new AssertionError("no S3 needed"); }));
    cli.setOut(new PrintWriter(out));

    int exit = cli.execute(dir.toString());

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString())
        .contains("KEY", "VERDICT", "ERRORS", "WARNINGS")
        .containsPattern("a_striped.tif\\s+INVALID\\s+the main image is 900x800 but striped")
        .containsPattern("b_cog.tif\\s+VALID\\s+-")
        .contains("2 files, 1 valid, 1 invalid");
    CommandLine one = new CommandLine(new ValidateCommand(() -> null));
    one.setOut(new PrintWriter(new StringWriter()));
    assertThat(one.execute(dir.resolve("b_cog.tif").toString())).isZero();
  }

  @Test
  void jobEntryPointIsRegisteredAndRunsValidateAsASubcommand() {
    Path cog = TestRasters.gdalCog(TestRasters.reflectance(dir.resolve("s.tif"), 600, 600), dir.resolve("c.tif"));
    JobEntryPoint job =
        ServiceLoader.load(JobEntryPoint.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(j -> j.stage() == Stage.COG)
            .findFirst()
            .orElseThrow();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);

    assertThat(job.run(List.of("validate", cog.toString()), Map.of(), ps, ps)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 files, 1 valid, 0 invalid");
    assertThat(job.run(List.of("validate", dir.resolve("s.tif").toString()), Map.of(), ps, ps)).isEqualTo(1);
    assertThat(job.run(List.of("validate", "--strict", "--bogus"), Map.of(), ps, ps)).isEqualTo(2);
  }

  @Test
  void validatesEveryTiffUnderAnS3Prefix() throws Exception {
    Path cog = TestRasters.gdalCog(TestRasters.reflectance(dir.resolve("s.tif"), 900, 800), dir.resolve("c.tif"));
    try (EmbeddedS3Store store = EmbeddedS3Store.inMemory();
        S3Client s3 = S3ClientFactory.create(store.settings())) {
      s3.createBucket(b -> b.bucket("scenelift"));
      s3.putObject(b -> b.bucket("scenelift").key("cog/h03v03/x/SR/x_SRB1.tif"), RequestBody.fromFile(cog));
      s3.putObject(b -> b.bucket("scenelift").key("cog/h03v03/x/x.xml"), RequestBody.fromString("<x/>"));
      StringWriter out = new StringWriter();
      CommandLine cli = new CommandLine(new ValidateCommand(store::settings));
      cli.setOut(new PrintWriter(out));

      assertThat(cli.execute("s3://scenelift/cog/h03v03/")).isZero();
      assertThat(out.toString()).containsPattern("s3://scenelift/cog/h03v03/x/SR/x_SRB1.tif\\s+VALID").contains("1 files, 1 valid");

      s3.putObject(b -> b.bucket("scenelift").key("cog/h03v03/x/SR/x_SRB2.tif"), RequestBody.fromFile(dir.resolve("s.tif")));
      CommandLine again = new CommandLine(new ValidateCommand(store::settings));
      again.setOut(new PrintWriter(new StringWriter()));
      again.setErr(new PrintWriter(new StringWriter()));
      assertThat(again.execute("s3://scenelift/cog/")).isEqualTo(1);
      assertThat(again.execute("s3://scenelift/nothing/")).isEqualTo(2);
    }
  }
}
