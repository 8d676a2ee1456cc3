package dev.scenelift.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A docker-save image tar (what {@code jib:buildTar} and docker/base/build-rootfs.sh write): {@code manifest.json}
 * naming the config and the layers, the config with {@code rootfs.diff_ids}, and the layer blobs (gzipped or not).
 */
final class ImageTar {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final JsonNode config;
  private final List<String> layers;

  private ImageTar(Path file, JsonNode config, List<String> layers) {
    this.file = file;
    this.config = config;
    this.layers = List.copyOf(layers);
  }

  static ImageTar read(Path file) throws IOException {
    Map<String, byte[]> small = new LinkedHashMap<>();
    forEachEntry(file, e -> e.getName().endsWith(".json"), (e, in) -> small.put(e.getName(), in.readAllBytes()));
    JsonNode manifest = JSON.readTree(require(small, "manifest.json", file));
    if (!manifest.isArray() || manifest.size() != 1) {
      throw new IOException(file + ": manifest.json must describe exactly one image");
    }
    JsonNode config = JSON.readTree(require(small, manifest.get(0).path("Config").asText(), file));
    List<String> layers = new ArrayList<>();
    manifest.get(0).path("Layers").forEach(l -> layers.add(l.asText()));
    return new ImageTar(file, config, layers);
  }

  /** The image configuration: {@code config.Entrypoint}, {@code config.User}, {@code rootfs.diff_ids}, ... */
  JsonNode config() {
    return config;
  }

  List<String> diffIds() {
    List<String> ids = new ArrayList<>();
    config.path("rootfs").path("diff_ids").forEach(d -> ids.add(d.asText()));
    return ids;
  }

  List<String> layers() {
    return layers;
  }

  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    config.path("config").path("Env").forEach(
        e -> {
          String s = e.asText();
          int eq = s.indexOf('=');
          env.put(s.substring(0, eq), s.substring(eq + 1));
        });
    return env;
  }

  /** Entry names of one layer, without a leading "./" or "/". */
  List<String> layerEntries(String layer) throws IOException {
    List<String> names = new ArrayList<>();
    withLayer(
        layer,
        tar -> {
          for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
            names.add(normalize(e.getName()));
          }
        });
    return names;
  }

  /** {@code sha256:<hex>} of a layer's uncompressed tar: what {@code rootfs.diff_ids} must hold for it. */
  String uncompressedDigest(String layer) throws IOException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    forEachEntry(
        file,
        e -> e.getName().equals(layer),
        (e, in) -> {
          InputStream blob = new BufferedInputStream(in);
          blob.mark(2);
          boolean gzip = blob.read() == 0x1f && blob.read() == 0x8b;
          blob.reset();
          InputStream tar = gzip ? new GzipCompressorInputStream(blob) : blob;
          byte[] buffer = new byte[1 << 16];
          for (int n = tar.read(buffer); n >= 0; n = tar.read(buffer)) {
            sha256.update(buffer, 0, n);
          }
        });
    return "sha256:" + HexFormat.of().formatHex(sha256.digest());
  }

  /** Copies a layer blob out, for {@code tar -x}. */
  Path extractBlob(String layer, Path target) throws IOException {
    forEachEntry(file, e -> e.getName().equals(layer), (e, in) -> Files.copy(in, target));
    if (!Files.exists(target)) {
      throw new IOException(file + " has no layer " + layer);
    }
    return target;
  }

  private void withLayer(String layer, TarConsumer consumer) throws IOException {
    boolean[] found = {false};
    forEachEntry(
        file,
        e -> e.getName().equals(layer),
        (e, in) -> {
          found[0] = true;
          InputStream blob = new BufferedInputStream(in);
          blob.mark(2);
          boolean gzip = blob.read() == 0x1f && blob.read() == 0x8b;
          blob.reset();
          // not closed: that would close the enclosing image tar, which forEachEntry closes
          consumer.accept(new TarArchiveInputStream(gzip ? new GzipCompressorInputStream(blob) : blob));
        });
    if (!found[0]) {
      throw new IOException(file + " has no layer " + layer);
    }
  }

  static String normalize(String name) {
    String n = name;
    while (n.startsWith("./") || n.startsWith("/")) {
      n = n.substring(n.startsWith("./") ? 2 : 1);
    }
    return n;
  }

  private static byte[] require(Map<String, byte[]> entries, String name, Path file) throws IOException {
    byte[] bytes = entries.get(name);
    if (bytes == null) {
      throw new IOException(file + " has no " + name);
    }
    return bytes;
  }

  private static void forEachEntry(Path file, Predicate<TarArchiveEntry> wanted, EntryConsumer consumer)
      throws IOException {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        if (e.isFile() && wanted.test(e)) {
          consumer.accept(e, tar);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @FunctionalInterface
  private interface EntryConsumer {
    void accept(TarArchiveEntry entry, InputStream in) throws IOException;
  }

  @FunctionalInterface
  private interface TarConsumer {
    void accept(TarArchiveInputStream tar) throws IOException;
  }
}
