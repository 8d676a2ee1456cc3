package dev.scenelift.source;

import dev.scenelift.scene.Collection;
import dev.scenelift.store.S3Location;
import dev.scenelift.synthetic.SyntheticTiles;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns a {@code --source} URI into the catalog that lists its scenes. */
public final class Catalogs {
  private static final Pattern SYNTHETIC = Pattern.compile("synthetic(:c2)?(?::(\\d{1,4}))?");

  /** How a STAC API source is written in a manifest: {@code stac:<API URL>} ({@code submit-run --stac URL}). */
  public static final String STAC_PREFIX = "stac:";

  /** Scenes {@code synthetic} makes when no count is given. */
  public static final int DEFAULT_SYNTHETIC_SCENES = 4;

  private Catalogs() {}

  /**
   * Opens the catalog for a source: {@code file:///dir}, {@code https://host/path/}, {@code s3://bucket/prefix} or
   * {@code synthetic[:c2][:N]} (generated Collection 1 scenes, or with {@code :c2} Collection 2 ones). A folder or bucket prefix may hold several tiles: bundles of other tiles are skipped with a
   * warning. A scene list naming a scene of another tile is an error naming the list line, the scene and both tiles.
   * With {@link SourceOptions#sceneList()}, the list restricts the source's scenes, and names
   * them outright when an HTTP source has no {@code <tile>.md5_list}. Nothing is read until {@link
   * SceneCatalog#list} (which generates missing synthetic scenes) or {@link SceneCatalog#preview} (which writes
   * nothing, for dry runs).
   *
   * @throws IllegalArgumentException for a malformed or unsupported source, naming it
   */
  public static SceneCatalog forSource(String source, SourceOptions options) {
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("no --source given");
    }
    String s = source.strip();
    SceneLists lists = SceneLists.standard();
    Matcher synthetic = SYNTHETIC.matcher(s);
    if (synthetic.matches()) {
      int count = synthetic.group(2) == null ? DEFAULT_SYNTHETIC_SCENES : Integer.parseInt(synthetic.group(2));
      if (count < 1 || count > SyntheticTiles.MAX_SCENES) {
        throw new IllegalArgumentException(
            "--source " + s + ": synthetic scene count must be 1–" + SyntheticTiles.MAX_SCENES);
      }
      Collection collection = synthetic.group(1) == null ? Collection.C1 : Collection.C2;
      SyntheticTiles tiles = new SyntheticTiles(options.dataDir(), options.syntheticSize(), collection);
      return new ListingCatalog(s, new SyntheticLister(tiles, count), options.sceneList(), lists);
    }
    if (s.startsWith(STAC_PREFIX)) {
      URI api;
      try {
        api = new URI(s.substring(STAC_PREFIX.length()));
      } catch (URISyntaxException e) {
        throw new IllegalArgumentException("--stac " + s.substring(STAC_PREFIX.length()) + ": malformed URL", e);
      }
      StacSearch search = options.stac().orElseGet(() -> StacSearch.of(api, StacSearch.C2_ARD));
      if (!search.api().equals(api)) {
        throw new IllegalArgumentException("--source " + s + " and the STAC search's API " + search.api() + " differ");
      }
      if (options.sceneList().isPresent()) {
        throw new IllegalArgumentException("--scene-list cannot restrict a --stac search (use --since/--until/--limit)");
      }
      return new StacApiCatalog(search, StacApiCatalog.defaultClient());
    }
    if (s.startsWith("s3://")) {
      S3Location prefix;
      try {
        prefix = S3Location.parse(s);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--source " + s + ": " + e.getMessage(), e);
      }
      return new ListingCatalog(s, new S3Lister(prefix, options.s3()), options.sceneList(), lists);
    }
    URI uri;
    try {
      uri = new URI(s);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--source " + s + ": malformed URI: " + e.getMessage(), e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    switch (scheme) {
      case "file":
        if (uri.getAuthority() != null && !uri.getAuthority().isEmpty()) {
          throw new IllegalArgumentException(
              "--source " + s + ": a file: source must be local (file:///dir), not on host " + uri.getAuthority());
        }
        Path dir;
        try {
          dir = Path.of(uri);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("--source " + s + ": expected file:///absolute/dir (" + e.getMessage()
              + ")", e);
        }
        return new ListingCatalog(s, new FolderLister(dir), options.sceneList(), lists);
      case "http":
      case "https":
        if (uri.getHost() == null) {
          throw new IllegalArgumentException("--source " + s + ": no host");
        }
        return new ListingCatalog(s, new HttpLister(uri, HttpLister.defaultClient()), options.sceneList(), lists);
      default:
        throw new IllegalArgumentException(
            "--source "
                + s
                + ": unsupported (expected file:///dir, https://host/path/, s3://bucket/prefix or synthetic[:c2][:N])");
    }
  }
}
