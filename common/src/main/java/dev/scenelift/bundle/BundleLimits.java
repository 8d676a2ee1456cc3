package dev.scenelift.bundle;

/**
 * What a bundle may not exceed; past these it is refused as a decompression bomb or a hostile archive.
 *
 * @param maxBundleBytes raw bytes read when the source lists no size (with a listed size, that size is the limit)
 * @param maxExpandedBytes bytes a gzip bundle may expand to, and the largest entry any bundle may declare
 * @param maxEntries entries in one bundle
 * @param maxMetadataBytes size of the scene's metadata XML, which is held in memory to compare repeats
 */
public record BundleLimits(long maxBundleBytes, long maxExpandedBytes, int maxEntries, int maxMetadataBytes) {
  public BundleLimits {
    if (maxBundleBytes <= 0 || maxExpandedBytes <= 0 || maxEntries <= 0 || maxMetadataBytes <= 0) {
      throw new IllegalArgumentException("bundle limits must be positive");
    }
  }

  /** 16 GiB raw or expanded (a real SR bundle is about 270 MB), 10 000 entries, 16 MiB of metadata XML. */
  public static BundleLimits defaults() {
    long gib = 1024L * 1024 * 1024;
    return new BundleLimits(16 * gib, 16 * gib, 10_000, 16 * 1024 * 1024);
  }

  public BundleLimits withMaxExpandedBytes(long value) {
    return new BundleLimits(maxBundleBytes, value, maxEntries, maxMetadataBytes);
  }
}
