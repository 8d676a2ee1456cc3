package dev.scenelift.bundle;

import dev.scenelift.manifest.FileChecksum;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Digests a file's bytes as they pass and compares them with the checksum the catalog lists the moment the last of its
 * {@code length} bytes is read: the read that would hand them on throws {@link Mismatch} instead, so an upload reading
 * from this stream fails (a multipart upload is aborted, a single PUT never sent) rather than storing bad bytes at the
 * final key.
 */
final class ListedChecksumStream extends FilterInputStream {
  private final FileChecksum expected;
  private final MessageDigest digest;
  private final long length;
  private long read;
  private boolean verified;

  /** The bytes' digest is not the listed one. */
  static final class Mismatch extends IOException {
    Mismatch(FileChecksum expected, String actual) {
      super(expected.algorithm() + " " + actual + " does not match the catalog's file:checksum " + expected.hex());
    }
  }

  ListedChecksumStream(InputStream in, FileChecksum expected, long length) {
    super(in);
    this.expected = expected;
    this.digest = expected.newDigest();
    this.length = length;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      digest.update(b, off, n);
      read += n;
      if (read >= length) {
        verify();
      }
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    throw new IOException("a checksummed file is read, not skipped");
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /**
   * Compares the digest of the bytes read so far with the listed checksum, once (an empty file is verified here).
   *
   * @throws Mismatch when they differ
   */
  void verify() throws Mismatch {
    if (verified) {
      return;
    }
    verified = true;
    String actual = HexFormat.of().formatHex(digest.digest());
    if (!expected.hex().equals(actual)) {
      throw new Mismatch(expected, actual);
    }
  }
}
