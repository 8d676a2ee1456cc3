package dev.scenelift.source;

import dev.scenelift.store.S3Settings;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a catalog may need besides its URI.
 *
 * @param dataDir the local data directory ({@code --data-dir}); synthetic scenes are generated under it
 * @param s3 how to reach S3 for {@code s3://} sources (requester pays is part of it)
 * @param syntheticSize pixels per side of synthetic rasters ({@code --synthetic-size}, default 5000)
 * @param sceneList a scene list file ({@code --scene-list}) that names the scenes when the source cannot list them
 * @param stac how to search a {@code stac:} source ({@code --collections}, days, limits); a {@code stac:} source
 *     without it searches USGS's Collection 2 ARD collections with the defaults
 */
public record SourceOptions(
    Path dataDir, S3Settings s3, int syntheticSize, Optional<Path> sceneList, Optional<StacSearch> stac) {
  public SourceOptions(Path dataDir, S3Settings s3, int syntheticSize, Optional<Path> sceneList) {
    this(dataDir, s3, syntheticSize, sceneList, Optional.empty());
  }

  public SourceOptions {
    Objects.requireNonNull(stac, "stac");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(s3, "s3");
    Objects.requireNonNull(sceneList, "sceneList");
    if (syntheticSize < 16 || syntheticSize > 5000) {
      throw new IllegalArgumentException("--synthetic-size must be 16–5000, got " + syntheticSize);
    }
  }
}
