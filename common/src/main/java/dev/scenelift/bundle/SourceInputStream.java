package dev.scenelift.bundle;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Marks every failure of the underlying source as a {@link SourceReadException}, so parse errors stay apart. */
final class SourceInputStream extends FilterInputStream {
  SourceInputStream(InputStream in) {
    super(in);
  }

  @Override
  public int read() throws IOException {
    try {
      return in.read();
    } catch (IOException e) {
      throw new SourceReadException(e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return in.read(b, off, len);
    } catch (IOException e) {
      throw new SourceReadException(e);
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return in.skip(n);
    } catch (IOException e) {
      throw new SourceReadException(e);
    }
  }
}
