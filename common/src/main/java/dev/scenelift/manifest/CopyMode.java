package dev.scenelift.manifest;

import java.util.Locale;

/**
 * How fetch-scene moves a single {@code s3:} source file into the raw tree, recorded in the run manifest's options as
 * {@value #OPTION}. Files from {@code file:} and {@code http(s):} sources are always streamed.
 */
public enum CopyMode {
  /** The bytes pass through the job, verified as they pass (size, ETag, {@code file:checksum}). */
  STREAM("stream"),
  /** S3 copies the object (CopyObject/UploadPartCopy): no bytes through the job; size and ETag verified. */
  SERVER_SIDE("server-side");

  /** The manifest option. */
  public static final String OPTION = "copy-mode";

  private final String text;

  CopyMode(String text) {
    this.text = text;
  }

  public static CopyMode parse(String value) {
    for (CopyMode m : values()) {
      if (m.text.equals(value.strip().toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown copy mode '" + value + "' (expected stream or server-side)");
  }

  /** The mode a manifest asks for; {@link #STREAM} when it names none. */
  public static CopyMode of(RunManifest manifest) {
    return parse(manifest.option(OPTION, STREAM.text));
  }

  @Override
  public String toString() {
    return text;
  }
}
