package dev.scenelift.cloud;

/** How the QA band is read ({@code --qa-read}). */
enum QaRead {
  /** Download to a per-scene temp file, deleted after. */
  download,
  /** Stream through GDAL's {@code /vsis3/}, configured from the same S3 settings. */
  vsis3
}
