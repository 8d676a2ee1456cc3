package dev.scenelift.listen;

import dev.scenelift.scene.BundleName;
import dev.scenelift.store.S3Location;
import java.util.Objects;

/**
 * A bundle that landed in S3, from an ObjectCreated notification.
 *
 * @param location where it is
 * @param name its parsed file name (scene and bundle)
 * @param size its size in bytes, -1 when the notification had none
 */
public record LandedBundle(S3Location location, BundleName name, long size) {
  public LandedBundle {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(name, "name");
  }
}
