package dev.scenelift.index;

import dev.scenelift.collection.TileCollection;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;

/** Where index-build writes, how its pages link to each other, and how to recognise its own outputs in a listing. */
final class OutputNames {
  static final String LISTING_PAGE = "AAlist.html";
  static final String THUMB_INDEX = "thumbindex.html";
  static final String MAP_PAGE = "map.html";
  static final String MAP_PREVIEW_SUFFIX = "_map-preview.tif";

  private final KeyLayout layout;
  private final boolean pathStyle;

  /** Names for pages served by AWS S3 (virtual-hosted buckets). */
  OutputNames(KeyLayout layout) {
    this(layout, false);
  }

  /**
   * @param pathStyle the store serves {@code /<bucket>/<key>} (the embedded store, its gateway, and its files under
   *     {@code store/<bucket>/<key>}): a page links into another bucket with a relative path through the bucket level
   */
  OutputNames(KeyLayout layout, boolean pathStyle) {
    this.layout = layout;
    this.pathStyle = pathStyle;
  }

  KeyLayout layout() {
    return layout;
  }

  S3Location thumbsDir(Tile tile) {
    return thumbsDir(TileCollection.FULL, tile);
  }

  /** {@code <root>/<tile>/thumbs/}: the thumbnails live in the full tile's; each collection has its thumbindex.html. */
  S3Location thumbsDir(TileCollection collection, Tile tile) {
    return layout.tileDir(collection.root(layout), tile).resolve("thumbs/");
  }

  S3Location thumbIndex(TileCollection collection, Tile tile) {
    return thumbsDir(collection, tile).resolve(THUMB_INDEX);
  }

  /** The collection's top listing page, {@code <root>/AAlist.html}. */
  S3Location listing(TileCollection collection) {
    return collection.root(layout).resolve(LISTING_PAGE);
  }

  S3Location smallThumb(SceneId scene) {
    return thumbsDir(scene.tile()).resolve(scene + "_thumb_small.png");
  }

  S3Location largeThumb(SceneId scene) {
    return thumbsDir(scene.tile()).resolve(scene + "_thumb_large.png");
  }

  S3Location thumbIndex(Tile tile) {
    return thumbsDir(tile).resolve(THUMB_INDEX);
  }

  /** thumbindex.html of the collection under {@code root}. */
  S3Location thumbIndex(S3Location root, Tile tile) {
    return layout.tileDir(root, tile).resolve("thumbs/" + THUMB_INDEX);
  }

  /** map.html of the collection under {@code root}, beside its thumbindex.html. */
  S3Location mapPage(S3Location root, Tile tile) {
    return layout.tileDir(root, tile).resolve("thumbs/" + MAP_PAGE);
  }

  /** The scene's map preview COG, beside its STAC item in the COG tree (the tree whose COGs map.html reads). */
  S3Location mapPreview(SceneId scene) {
    return layout.sceneDir(layout.cog(), scene).resolve(scene + MAP_PREVIEW_SUFFIX);
  }

  S3Location stacCatalog() {
    return layout.cog().resolve("catalog.json");
  }

  S3Location stacCollection(Tile tile) {
    return layout.tileDir(layout.cog(), tile).resolve("collection.json");
  }

  S3Location stacItem(SceneId scene) {
    return layout.sceneDir(layout.cog(), scene).resolve(scene + "_stac-item.json");
  }

  S3Location eo3Dataset(SceneId scene) {
    return layout.sceneDir(layout.cog(), scene).resolve(scene + ".odc-metadata.yaml");
  }

  S3Location eo3Product(Tile tile, String productName) {
    return layout.tileDir(layout.cog(), tile).resolve(productName + ".odc-product.yaml");
  }

  /** True for objects index-build itself writes inside scene folders; they are not inputs. */
  static boolean isOwnOutput(String key) {
    return key.endsWith("/" + LISTING_PAGE)
        || key.endsWith("_stac-item.json")
        || key.endsWith(".odc-metadata.yaml")
        || key.endsWith(MAP_PREVIEW_SUFFIX)
        || key.contains("/" + KeyLayout.CONTROL_DIR + "/");
  }

  /**
   * The href a web page at {@code from} uses for {@code to}: relative within a bucket; across buckets relative through
   * the bucket level on a path-style store, else the object's {@code https://<bucket>.s3.amazonaws.com/<key>} address
   * (which a browser opens when the bucket's website or public-read prefixes serve it). Path segments are
   * percent-encoded.
   */
  String href(S3Location from, S3Location to) {
    if (from.bucket().equals(to.bucket())) {
      return UrlPaths.encode(relative(from, to));
    }
    if (pathStyle) {
      long depth = from.key().chars().filter(c -> c == '/').count();
      return "../".repeat((int) depth + 1) + UrlPaths.encode(to.bucket() + "/" + to.key());
    }
    return "https://" + to.bucket() + ".s3.amazonaws.com/" + UrlPaths.encode(to.key());
  }

  /**
   * A relative href from a document at {@code from} to {@code to}; an absolute {@code s3://} URI when they are in
   * different buckets (what STAC documents use).
   */
  static String relative(S3Location from, S3Location to) {
    if (!from.bucket().equals(to.bucket())) {
      return to.toString();
    }
    String[] a = from.key().split("/", -1);
    String[] b = to.key().split("/", -1);
    int common = 0;
    while (common < a.length - 1 && common < b.length - 1 && a[common].equals(b[common])) {
      common++;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = common; i < a.length - 1; i++) {
      sb.append("../");
    }
    for (int i = common; i < b.length; i++) {
      sb.append(b[i]);
      if (i < b.length - 1) {
        sb.append('/');
      }
    }
    String s = sb.toString();
    return s.startsWith("../") ? s : "./" + s;
  }
}
