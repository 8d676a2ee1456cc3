package dev.scenelift.cog;

import dev.scenelift.job.ExitCodes;
import dev.scenelift.store.S3ClientFactory;
import dev.scenelift.store.S3Location;
import dev.scenelift.store.S3Settings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code validate}: checks every GeoTIFF under S3 prefixes or local paths with the project's COG validator and prints
 * a table (key, verdict, errors, warnings). Exits 1 when any file is not a valid COG.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Checks that GeoTIFFs are Cloud Optimized: tiled, internal tiled overviews, IFDs first in increasing order,",
      "image data smallest overview first, each block after its IFD. Prints key, verdict, errors and warnings."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every file is a valid COG (warnings allowed unless --strict)",
      "1:at least one file is not a valid COG",
      "2:bad arguments, or nothing to validate",
      "3:S3 unreachable"
    })
public final class ValidateCommand implements Callable<Integer> {
  private final Supplier<S3Settings> s3Settings;

  @Spec private CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "TARGET",
      description = "s3://bucket/prefix (every .tif/.tiff below it, or one object) or a local file or directory.")
  private List<String> targets;

  @Option(names = "--strict", description = "Treat warnings as errors. Default: false.")
  private boolean strict;

  /**
   * @param s3Settings how to reach S3; asked only when a target is an s3:// location
   */
  public ValidateCommand(Supplier<S3Settings> s3Settings) {
    this.s3Settings = s3Settings;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CogValidator validator = new CogValidator(strict);
    List<CogValidation> results = new ArrayList<>();
    S3Client s3 = null;
    try {
      for (String target : targets) {
        if (target.startsWith("s3://")) {
          if (s3 == null) {
            s3 = S3ClientFactory.create(s3Settings.get());
          }
          results.addAll(validateS3(s3, S3Location.parse(target), validator));
        } else {
          results.addAll(validateLocal(Paths.get(target), validator));
        }
      }
    } catch (IllegalArgumentException | IOException e) {
      err.println("validate: " + e.getMessage());
      return ExitCodes.USAGE;
    } catch (SdkException e) {
      err.println("validate: S3 failed: " + e.getMessage());
      return ExitCodes.INFRASTRUCTURE;
    } finally {
      if (s3 != null) {
        s3.close();
      }
    }
    if (results.isEmpty()) {
      err.println("validate: no .tif/.tiff files found under " + String.join(", ", targets));
      return ExitCodes.USAGE;
    }
    print(out, results);
    out.flush();
    return results.stream().allMatch(CogValidation::isValid) ? ExitCodes.OK : ExitCodes.SCENES_FAILED;
  }

  private static List<CogValidation> validateS3(S3Client s3, S3Location target, CogValidator validator)
      throws IOException {
    List<CogValidation> out = new ArrayList<>();
    List<software.amazon.awssdk.services.s3.model.S3Object> objects = new ArrayList<>();
    s3.listObjectsV2Paginator(b -> b.bucket(target.bucket()).prefix(target.key())).contents().forEach(objects::add);
    for (var o : objects) {
      if (!BandInput.isGeoTiff(o.key())) {
        continue;
      }
      try (S3ByteSource src = new S3ByteSource(s3, new S3Location(target.bucket(), o.key()), o.size())) {
        out.add(validator.validate(src));
      }
    }
    return out;
  }

  private static List<CogValidation> validateLocal(Path target, CogValidator validator) throws IOException {
    if (!Files.exists(target)) {
      throw new IllegalArgumentException("no such file or directory: " + target);
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(target)) {
      files = walk.filter(Files::isRegularFile).filter(p -> BandInput.isGeoTiff(p.getFileName().toString())).sorted().toList();
    }
    List<CogValidation> out = new ArrayList<>();
    for (Path f : files) {
      try (LocalByteSource src = new LocalByteSource(f)) {
        out.add(validator.validate(src));
      }
    }
    return out;
  }

  private static void print(PrintWriter out, List<CogValidation> results) {
    int width = Math.max(3, results.stream().mapToInt(r -> r.target().length()).max().orElse(3));
    String row = "%-" + width + "s  %-19s  %s  %s%n";
    out.printf(row, "KEY", "VERDICT", "ERRORS", "WARNINGS");
    for (CogValidation r : results) {
      out.printf(
          row,
          r.target(),
          r.verdict(),
          r.errors().isEmpty() ? "-" : String.join("; ", r.errors()),
          r.warnings().isEmpty() ? "-" : String.join("; ", r.warnings()));
    }
    long invalid = results.stream().filter(r -> !r.isValid()).count();
    out.printf("%d files, %d valid, %d invalid%n", results.size(), results.size() - invalid, invalid);
  }
}
