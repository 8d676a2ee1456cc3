package dev.scenelift.testing;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A large file's bytes made on demand rather than stored: a random block of 1 MiB repeated up to {@code length} bytes,
 * read as often as wanted with a heap cost of the one block.
 */
public record GeneratedBytes(long length, long seed) {
  private static final int BLOCK = 1 << 20;

  public GeneratedBytes {
    if (length < 0) {
      throw new IllegalArgumentException("negative length " + length);
    }
  }

  /** A new stream over the bytes. */
  public InputStream open() {
    byte[] block = TarBuilder.randomBytes(BLOCK, seed);
    return new InputStream() {
      private long position;

      @Override
      public int read() {
        return position < length ? block[(int) (position++ % BLOCK)] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (len == 0) {
          return 0;
        }
        if (position >= length) {
          return -1;
        }
        int at = (int) (position % BLOCK);
        int n = (int) Math.min(Math.min(len, BLOCK - at), length - position);
        System.arraycopy(block, at, b, off, n);
        position += n;
        return n;
      }
    };
  }

  /** The bytes' SHA-512, hex. */
  public String sha512() {
    try (InputStream in = open()) {
      MessageDigest digest = MessageDigest.getInstance("SHA-512");
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (java.io.IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
