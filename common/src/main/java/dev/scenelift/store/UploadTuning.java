package dev.scenelift.store;

/**
 * How {@link StreamingUploader} spends memory and connections.
 *
 * @param partSize bytes per multipart part and per pooled buffer (S3's minimum part is 5 MiB)
 * @param buffers how many part-sized buffers exist at most: the bound on heap used and on parts in flight. Objects up
 *     to half of them ({@link #singlePutLimit()}) go up with one PUT, which stores write once; larger ones go
 *     multipart
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

  /** 8 MiB parts, at most 10 buffers (80 MiB of heap), single PUTs up to 40 MiB: fits in a 256 MiB heap. */
  public static UploadTuning defaults() {
    return new UploadTuning(8 * 1024 * 1024, 10);
  }

  /** The largest object sent with one PUT: half the buffers, so that it never waits for buffers it holds itself. */
  public long singlePutLimit() {
    return (long) partSize * Math.max(1, buffers / 2);
  }

  public long maxBufferedBytes() {
    return (long) partSize * buffers;
  }
}
