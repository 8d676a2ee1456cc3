package dev.scenelift.index;

import dev.scenelift.json.Json;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;
import dev.scenelift.scene.Tile;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Reads and writes a tile's {@link IndexState}; a missing or older-version state reads as empty. */
final class IndexStateStore {
  private final S3Client s3;
  private final KeyLayout layout;

  IndexStateStore(S3Client s3, KeyLayout layout) {
    this.s3 = s3;
    this.layout = layout;
  }

  S3Location location(Tile tile) {
    return layout.tileDir(layout.raw(), tile).resolve(KeyLayout.CONTROL_DIR + "/index-state.json");
  }

  IndexState read(Tile tile) {
    S3Location loc = location(tile);
    try {
      byte[] body = s3.getObjectAsBytes(b -> b.bucket(loc.bucket()).key(loc.key())).asByteArray();
      IndexState state = Json.read(body, IndexState.class);
      return state.version() == IndexState.VERSION ? state : IndexState.empty();
    } catch (NoSuchKeyException e) {
      return IndexState.empty();
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return IndexState.empty();
      }
      throw e;
    }
  }

  void write(Tile tile, IndexState state) {
    S3Location loc = location(tile);
    s3.putObject(
        b -> b.bucket(loc.bucket()).key(loc.key()).contentType("application/json"),
        RequestBody.fromBytes(Json.writeBytes(state)));
  }
}
