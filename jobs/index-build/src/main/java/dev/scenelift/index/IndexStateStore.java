package dev.scenelift.index;

import dev.scenelift.store.S3Reads;

import dev.scenelift.json.Json;
import dev.scenelift.store.KeyLayout;
import dev.scenelift.store.S3Location;
import dev.scenelift.scene.Tile;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

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
    return S3Reads.bytesIfPresent(s3, location(tile))
        .map(body -> Json.read(body, IndexState.class))
        .filter(state -> state.version() == IndexState.VERSION)
        .orElseGet(IndexState::empty);
  }

  void write(Tile tile, IndexState state) {
    S3Location loc = location(tile);
    s3.putObject(
        b -> b.bucket(loc.bucket()).key(loc.key()).contentType("application/json"),
        RequestBody.fromBytes(Json.writeBytes(state)));
  }
}
