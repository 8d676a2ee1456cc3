package dev.scenelift.fetch;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A bundle made on the fly: {@code entries} files of {@code entrySize} incompressible pseudo-random bytes each,
 * written as a tar to a stream, never held whole. The same arguments give the same bytes.
 */
public record GeneratedBundle(String prefix, int entries, long entrySize) {
  private static final int BLOCK = 1 << 20;

  public void writeTo(OutputStream out) throws IOException {
    byte[] block = new byte[BLOCK];
    Random random = new Random(entries * 31L + entrySize);
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    for (int i = 1; i <= entries; i++) {
      TarArchiveEntry entry = new TarArchiveEntry(prefix + "_B" + i + ".tif");
      entry.setSize(entrySize);
      tar.putArchiveEntry(entry);
      long left = entrySize;
      while (left > 0) {
        random.nextBytes(block);
        int n = (int) Math.min(BLOCK, left);
        tar.write(block, 0, n);
        left -= n;
      }
      tar.closeArchiveEntry();
    }
    tar.finish();
    out.flush();
  }
}
