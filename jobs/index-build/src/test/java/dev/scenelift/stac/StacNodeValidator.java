package dev.scenelift.stac;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scenelift.json.Json;
import dev.scenelift.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real stac-node-validator (npm, the version pinned by {@code tools/stac-node-validator/package-lock.json},
 * installed by docker/setup-host.sh), run offline: every schema URL of {@code ../shared/data/stac-schemas/INDEX.tsv}
 * is mapped to its file, and the process gets an unreachable HTTP(S) proxy, so a schema that is not mapped fails the
 * document instead of being fetched.
 */
public final class StacNodeValidator {
  /** A port nothing listens on: any network fetch is refused at once. */
  static final String NO_NETWORK_PROXY = "http://127.0.0.1:9";

  private static final Pattern COUNT = Pattern.compile("(?m)^(Files|Valid|Invalid): (\\d+)$");

  private final Path cli;
  private final Map<String, Path> schemaMap;

  public StacNodeValidator() {
    String installed = System.getProperty("scenelift.stac.node.validator");
    Path dir =
        installed != null
            ? Path.of(installed)
            : Path.of(System.getProperty("user.home"), ".cache", "scenelift", "stac-node-validator");
    cli = dir.resolve("node_modules/stac-node-validator/bin/cli.js");
    if (!Files.isRegularFile(cli)) {
      throw new IllegalStateException(
          "stac-node-validator is not installed at " + dir + ": run docker/setup-host.sh (./run-tests does)");
    }
    Path schemas = SharedData.file("stac-schemas");
    try {
      schemaMap =
          Files.readAllLines(schemas.resolve("INDEX.tsv")).stream()
              .map(l -> l.split("\t"))
              .filter(c -> c.length == 2)
              .collect(
                  java.util.stream.Collectors.toUnmodifiableMap(
                      c -> c[0].strip(), c -> schemas.resolve(c[1].strip()).toAbsolutePath()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What the validator said about a set of files.
   *
   * @param exit its exit code: 0 when every file is valid
   * @param files files it read
   * @param valid files it found valid
   * @param output everything it printed, errors included
   */
  public record Result(int exit, int files, int valid, String output) {
    public boolean allValid(int expectedFiles) {
      return exit == 0 && files == expectedFiles && valid == expectedFiles;
    }
  }

  /** Validates the given STAC JSON files; {@code work} holds the config file. */
  public Result validate(List<Path> documents, Path work) {
    ObjectNode config = Json.mapper().createObjectNode();
    ArrayNode files = config.putArray("files");
    documents.forEach(d -> files.add(d.toAbsolutePath().toString()));
    // the "url=path;url=path" form: 1.3.2 mishandles the object form of schemaMap in a config file
    config.put(
        "schemaMap",
        schemaMap.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .sorted()
            .collect(java.util.stream.Collectors.joining(";")));
    config.put("verbose", false);
    try {
      Path configFile = Files.createTempFile(work, "stac-node-validator", ".json");
      Path output = Files.createTempFile(work, "stac-node-validator", ".out");
      Files.write(configFile, Json.writeBytes(config));
      ProcessBuilder pb =
          new ProcessBuilder("node", cli.toString(), "--config", configFile.toString())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      for (String v : List.of("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")) {
        pb.environment().put(v, NO_NETWORK_PROXY);
      }
      pb.environment().remove("NO_PROXY");
      pb.environment().remove("no_proxy");
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("stac-node-validator did not finish on " + documents);
      }
      String text = Files.readString(output, StandardCharsets.UTF_8);
      Files.delete(configFile);
      Files.delete(output);
      Map<String, Integer> counts = new java.util.HashMap<>();
      Matcher m = COUNT.matcher(text);
      while (m.find()) {
        counts.put(m.group(1), Integer.parseInt(m.group(2)));
      }
      return new Result(p.exitValue(), counts.getOrDefault("Files", 0), counts.getOrDefault("Valid", 0), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
