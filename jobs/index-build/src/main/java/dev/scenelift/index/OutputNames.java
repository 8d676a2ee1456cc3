package dev.scenelift.index;

import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Tile;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;

/** Where index-build writes, and how to recognise its own outputs in a listing. */
final class OutputNames {
  static final String LISTING_PAGE = "AAlist.html";
  static final String THUMB_INDEX = "thumbindex.html";
  static final String MAP_PAGE = "map.html";

  private final KeyLayout layout;

  OutputNames(KeyLayout layout) {
    this.layout = layout;
  }

  KeyLayout layout() {
    return layout;
  }

  S3Location thumbsDir(Tile tile) {
    return layout.tileDir(layout.raw(), tile).resolve("thumbs/");
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
        || key.contains("/" + KeyLayout.CONTROL_DIR + "/");
  }

  /**
   * A relative href from a document at {@code from} to {@code to}; an absolute {@code s3://} URI when they are in
   * different buckets.
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
