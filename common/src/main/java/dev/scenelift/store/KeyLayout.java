package dev.scenelift.store;

import dev.scenelift.scene.Bundle;
import dev.scenelift.scene.SceneId;
import dev.scenelift.scene.Stage;
import dev.scenelift.scene.Tile;
import java.util.Objects;

/**
 * Where everything lives in S3: the one place that turns scene ids into keys.
 *
 * <ul>
 *   <li>raw scene data: {@code <raw>/<tile>/<scene-id>/<bundle>/<file>}, the metadata XML once at {@code
 *       <raw>/<tile>/<scene-id>/<scene-id>.xml}
 *   <li>the cloud-free ("opt") set: the same shape under {@code <opt>}
 *   <li>COGs: {@code <cog>/<tile>/<scene-id>/<bundle>/<file>.tif}
 *   <li>per scene and stage, a completion marker {@code <scene-dir>/_scenelift/<stage>.done.json} and a failure
 *       record {@code <scene-dir>/_scenelift/<stage>.failed.json}, in the stage's output tree
 *   <li>runs: {@code <runs>/runs/<run-id>/manifest.json}
 * </ul>
 *
 * @param raw root of the raw (fetched) tree
 * @param opt root of the cloud-free tree
 * @param cog root of the COG tree
 * @param runs root under which {@code runs/<run-id>/} lives
 */
public record KeyLayout(S3Location raw, S3Location opt, S3Location cog, S3Location runs) {
  public static final String CONTROL_DIR = "_scenelift";

  public KeyLayout {
    raw = Objects.requireNonNull(raw, "raw").asDirectory();
    opt = Objects.requireNonNull(opt, "opt").asDirectory();
    cog = Objects.requireNonNull(cog, "cog").asDirectory();
    runs = Objects.requireNonNull(runs, "runs").asDirectory();
  }

  /** Everything in one bucket: {@code raw/}, {@code opt/}, {@code cog/} and {@code runs/}. */
  public static KeyLayout inBucket(String bucket) {
    S3Location root = new S3Location(bucket, "");
    return new KeyLayout(root.resolve("raw/"), root.resolve("opt/"), root.resolve("cog/"), root);
  }

  /** The tree a stage writes its per-scene outputs and markers into. */
  public S3Location rootOf(Stage stage) {
    return switch (stage) {
      case FETCH, FILTER -> raw;
      case COG -> cog;
      case INDEX -> raw;
    };
  }

  public S3Location tileDir(S3Location root, Tile tile) {
    return root.resolve(tile + "/");
  }

  public S3Location sceneDir(S3Location root, SceneId scene) {
    return root.resolve(scene.tile() + "/" + scene + "/");
  }

  /** A file of a bundle in the raw tree; {@code file} is a validated single path segment. */
  public S3Location rawObject(SceneId scene, Bundle bundle, String file) {
    return bundleObject(raw, scene, bundle, file);
  }

  public S3Location cogObject(SceneId scene, Bundle bundle, String file) {
    return bundleObject(cog, scene, bundle, file);
  }

  public S3Location bundleObject(S3Location root, SceneId scene, Bundle bundle, String file) {
    return sceneDir(root, scene).resolve(bundle + "/" + requireFileName(file));
  }

  /** The scene's metadata XML, stored once per scene (every bundle repeats it). */
  public S3Location metadataXml(S3Location root, SceneId scene) {
    return sceneDir(root, scene).resolve(scene + ".xml");
  }

  /** cloud-filter's verdict for a scene. */
  public S3Location cloudVerdict(SceneId scene) {
    return sceneDir(raw, scene).resolve("cloud.json");
  }

  public S3Location marker(Stage stage, SceneId scene) {
    return sceneDir(rootOf(stage), scene).resolve(CONTROL_DIR + "/" + stage.jobName() + ".done.json");
  }

  public S3Location failure(Stage stage, SceneId scene) {
    return sceneDir(rootOf(stage), scene).resolve(CONTROL_DIR + "/" + stage.jobName() + ".failed.json");
  }

  public S3Location runDir(String runId) {
    return runs.resolve("runs/" + RunIds.requireValid(runId) + "/");
  }

  public S3Location manifest(String runId) {
    return runDir(runId).resolve("manifest.json");
  }

  /** Rejects anything that is not one plain path segment: no separators, no '..', no control characters. */
  public static String requireFileName(String file) {
    if (file == null
        || file.isEmpty()
        || file.equals(".")
        || file.equals("..")
        || file.contains("/")
        || file.contains("\\")
        || file.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new IllegalArgumentException("not a plain file name: '" + file + "'");
    }
    return file;
  }
}
