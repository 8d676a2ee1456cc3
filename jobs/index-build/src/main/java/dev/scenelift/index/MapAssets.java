package dev.scenelift.index;

import dev.scenelift.store.S3Location;
import dev.scenelift.store.S3Reads;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * map.html's script, stylesheet and bundled licences: built from {@code web/} by npm and esbuild at build time and
 * shipped as resources under {@code dev/scenelift/index/web/}, each name carrying a hash of its content. index-build
 * copies them into each bucket once, under {@link #DIR}, beside the layout's roots; map.html loads them by relative
 * links, so a page never depends on a CDN.
 */
final class MapAssets {
  /** The folder of the assets in a bucket, relative to the parent of the layout's roots. */
  static final String DIR = "assets/map/";

  private static final String RESOURCES = "dev/scenelift/index/web/";

  /** One bundled file. */
  record Asset(String name, byte[] body) {
    Asset {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(body, "body");
    }

    String contentType() {
      return name.endsWith(".js")
          ? "text/javascript; charset=utf-8"
          : name.endsWith(".css") ? "text/css; charset=utf-8" : "text/plain; charset=utf-8";
    }
  }

  private final List<Asset> assets;

  private MapAssets(List<Asset> assets) {
    this.assets = List.copyOf(assets);
  }

  /** The assets this build shipped; fails when the build did not bundle them (web/build.sh did not run). */
  static MapAssets bundled() {
    ClassLoader loader = MapAssets.class.getClassLoader();
    List<Asset> out = new ArrayList<>();
    try (InputStream list = loader.getResourceAsStream(RESOURCES + "assets.txt")) {
      if (list == null) {
        throw new IllegalStateException("map assets missing from the build: " + RESOURCES + "assets.txt (web/build.sh)");
      }
      for (String name : new String(list.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (name.isBlank()) {
          continue;
        }
        try (InputStream in = loader.getResourceAsStream(RESOURCES + name.strip())) {
          if (in == null) {
            throw new IllegalStateException("map asset listed but missing: " + RESOURCES + name);
          }
          out.add(new Asset(name.strip(), in.readAllBytes()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new MapAssets(out);
  }

  /** Where the assets live in the bucket of {@code root}: {@value #DIR} under the root's parent folder. */
  static S3Location dirFor(S3Location root) {
    String key = root.asDirectory().key();
    String parent = key.isEmpty() ? "" : key.substring(0, key.lastIndexOf('/', key.length() - 2) + 1);
    return new S3Location(root.bucket(), parent + DIR);
  }

  S3Location script(S3Location root) {
    return dirFor(root).resolve(named(".js"));
  }

  S3Location stylesheet(S3Location root) {
    return dirFor(root).resolve(named(".css"));
  }

  S3Location licences(S3Location root) {
    return dirFor(root).resolve(named(".txt"));
  }

  private String named(String suffix) {
    return assets.stream().map(Asset::name).filter(n -> n.endsWith(suffix)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no map asset ending " + suffix));
  }

  /**
   * Copies the assets next to {@code root} unless they are there already (their names change with their content);
   * returns how many were written.
   */
  int publish(S3Client s3, ObjectWriter writer, S3Location root) {
    int written = 0;
    for (Asset a : assets) {
      S3Location loc = dirFor(root).resolve(a.name());
      if (!S3Reads.exists(s3, loc)) {
        writer.put(loc, a.body(), a.contentType());
        written++;
      }
    }
    return written;
  }
}
