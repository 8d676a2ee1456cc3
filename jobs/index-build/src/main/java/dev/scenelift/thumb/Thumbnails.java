package dev.scenelift.thumb;

import java.util.Objects;

/**
 * A scene's two PNG thumbnails.
 *
 * @param small about {@link ThumbnailRenderer#SMALL} pixels on the longer side
 * @param large about {@link ThumbnailRenderer#LARGE} pixels on the longer side
 */
public record Thumbnails(byte[] small, byte[] large) {
  public Thumbnails {
    Objects.requireNonNull(small, "small");
    Objects.requireNonNull(large, "large");
  }
}
