package dev.scenelift.store;

/**
 * How {@link StreamingUploader} spends memory and connections.
 *
 * @param partSize bytes per multipart part, and the size above which an object goes multipart (S3's minimum part is 5
 *     MiB)
 * @param buffers how many part-sized buffers exist at most: the bound on heap used and on parts in flight
 */
public record UploadTuning(int partSize, int buffers) {
  public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

  public UploadTuning {
    if (partSize < MIN_PART_SIZE) {
      throw new IllegalArgumentException("part size must be at least 5 MiB, got " + partSize);
    }
    if (buffers < 1) {
      throw new IllegalArgumentException("buffers must be at least 1, got " + buffers);
    }
  }

  /** 8 MiB parts, at most 8 buffers (64 MiB of heap): fits comfortably in a 256 MiB heap. */
  public static UploadTuning defaults() {
    return new UploadTuning(8 * 1024 * 1024, 8);
  }

  public long maxBufferedBytes() {
    return (long) partSize * buffers;
  }
}
