package dev.scenelift.batch.aws;

import dev.scenelift.manifest.BundleSource;
import dev.scenelift.manifest.Md5List;
import dev.scenelift.manifest.RunManifest;
import dev.scenelift.manifest.SceneEntry;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.testing.SharedData;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Manifests built straight from the real h03v03 md5 list (sizes from the 2017 bucket listing). */
public final class RealTileList {
  public static final Tile TILE = Tile.parse("h03v03");

  private RealTileList() {}

  /** The 2357 scenes of the real list, each with its four bundles, md5s and 2017 sizes. */
  public static List<SceneEntry> scenes() throws IOException {
    Map<String, Long> sizes = new HashMap<>();
    for (String line : Files.readAllLines(SharedData.file("h03v03-bucket-listing-2017.txt"), StandardCharsets.ISO_8859_1)) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 4 && f[3].endsWith(".tar")) {
        sizes.put(f[3].substring(f[3].lastIndexOf('/') + 1), Long.parseLong(f[2]));
      }
    }
    Map<SceneId, List<BundleSource>> byScene = new LinkedHashMap<>();
    Path list = SharedData.file("h03v03.md5_list");
    try (Reader r = Files.newBufferedReader(list, StandardCharsets.ISO_8859_1)) {
      for (Md5List.Entry e : Md5List.parse(r, list.toString())) {
        String file = e.name().toString();
        byScene
            .computeIfAbsent(e.name().scene(), s -> new ArrayList<>())
            .add(
                new BundleSource(
                    e.name().bundle(),
                    URI.create("https://example.org/l2-ard-tiles/h03v03/" + file),
                    Optional.of(e.md5()),
                    sizes.getOrDefault(file, -1L)));
      }
    }
    List<SceneEntry> out = new ArrayList<>();
    byScene.forEach((id, bundles) -> out.add(new SceneEntry(id, bundles)));
    return out;
  }

  public static RunManifest manifest(String runId, KeyLayout layout, List<SceneEntry> scenes, OptionalInt k) {
    return new RunManifest(
        runId,
        TILE,
        "https://example.org/l2-ard-tiles/h03v03/",
        Instant.parse("2026-11-24T06:00:00Z"),
        ArraySizing.scenesPerTask(scenes, k),
        layout,
        scenes,
        Map.of());
  }

  /** {@code n} distinct made-up scenes of the tile (no bundles), for the size edges. */
  public static List<SceneEntry> madeUp(int n) {
    List<SceneEntry> out = new ArrayList<>(n);
    LocalDate day = LocalDate.of(1982, 8, 22);
    for (int i = 0; i < n; i++) {
      String date = day.plusDays(i % 15000).toString().replace("-", "");
      String produced = LocalDate.of(2024, 1, 1).plusDays(i / 15000).toString().replace("-", "");
      out.add(new SceneEntry(SceneId.parse("LC08_CU_003003_" + date + "_" + produced + "_C01_V01"), List.of()));
    }
    return out;
  }
}
