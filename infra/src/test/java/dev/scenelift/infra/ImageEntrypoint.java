package dev.scenelift.infra;

import dev.scenelift.testing.ImageJvmFlags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a job image runs, read from the build that makes it: Jib's entrypoint is {@code java <jvmFlags> -cp <classpath>
 * <mainClass>} (the parent pom's Jib configuration, {@link ImageJvmFlags}, without the image's class-data archive,
 * which only the image's JVM maps; and the job pom's {@code job.mainClass}), its class path the job's
 * jar and runtime dependencies ({@code target/image.classpath}, written at package time), its environment the base
 * image's {@code ENV} (docker/base/Dockerfile). On this machine the image's paths become the host's: the JNI library
 * directory is this JVM's {@code java.library.path}.
 *
 * @param job the job module, e.g. {@code fetch-scene}
 * @param jvmFlags the image's JVM flags
 * @param classPath the jar and its runtime dependencies, in order
 * @param mainClass the main class
 * @param environment the image's environment
 */
record ImageEntrypoint(
    String job, List<String> jvmFlags, List<Path> classPath, String mainClass, Map<String, String> environment) {
  static final String IMAGE_JNI_DIR = "/opt/scenelift/gdal-jni";

  static ImageEntrypoint of(String job) {
    Path root = ProjectFiles.root();
    Path module = root.resolve("jobs").resolve(job);
    String jni = System.getProperty("java.library.path");
    List<String> flags = ImageJvmFlags.of(root, job).withoutArchive().replacing(IMAGE_JNI_DIR, jni).flags();
    List<String> main = ImageJvmFlags.xpath(module.resolve("pom.xml"), "/project/properties/job.mainClass");
    if (main.size() != 1) {
      throw new IllegalStateException(module.resolve("pom.xml") + " names no job.mainClass");
    }
    String version = ImageJvmFlags.xpath(root.resolve("pom.xml"), "/project/version").get(0);
    Path jar = module.resolve("target").resolve(job + "-" + version + ".jar");
    Path deps = module.resolve("target/image.classpath");
    if (!Files.isRegularFile(jar) || !Files.isRegularFile(deps)) {
      throw new IllegalStateException(
          "no " + jar + " or " + deps + ": the job modules must be packaged first (mvn verify, or ./run-tests)");
    }
    List<Path> classPath = new ArrayList<>();
    classPath.add(jar);
    try {
      for (String entry : Files.readString(deps).strip().split(java.io.File.pathSeparator)) {
        if (!entry.isBlank()) {
          classPath.add(Path.of(entry));
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Map<String, String> env = new LinkedHashMap<>(dockerfileEnv(root.resolve("docker/base/Dockerfile")));
    env.replaceAll((k, v) -> v.replace(IMAGE_JNI_DIR, jni));
    env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    return new ImageEntrypoint(job, flags, List.copyOf(classPath), main.get(0), Map.copyOf(env));
  }

  /** {@code java <flags> -cp <class path> <main> <arguments>}, with this JVM's java. */
  List<String> command(List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmFlags);
    command.add("-cp");
    command.add(String.join(java.io.File.pathSeparator, classPath.stream().map(Path::toString).toList()));
    command.add(mainClass);
    command.addAll(arguments);
    return command;
  }

  /** The last stage's {@code ENV} of a Dockerfile, {@code KEY=VALUE} pairs over continued lines. */
  static Map<String, String> dockerfileEnv(Path dockerfile) {
    String text;
    try {
      text = Files.readString(dockerfile).replaceAll("\\\\\\R\\s*", " ");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    String lastStage = text.substring(text.lastIndexOf("\nFROM "));
    Map<String, String> env = new LinkedHashMap<>();
    Matcher line = Pattern.compile("(?m)^ENV (.*)$").matcher(lastStage);
    while (line.find()) {
      Matcher pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\\S+)").matcher(line.group(1));
      while (pair.find()) {
        env.put(pair.group(1), pair.group(2));
      }
    }
    return env;
  }
}
