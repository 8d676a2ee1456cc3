package dev.scenelift.bundle;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes that pass and fails with {@link LimitExceededException} once more than a limit went through. */
final class CountingInputStream extends FilterInputStream {
  private final long limit;
  private final String what;
  private long count;

  /** @param what names the stream and its limit in the error, e.g. "bundle listed as 1234 bytes" */
  CountingInputStream(InputStream in, long limit, String what) {
    super(in);
    this.limit = limit;
    this.what = what;
  }

  long count() {
    return count;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      passed(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      passed(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = in.skip(n);
    passed(skipped);
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void passed(long n) throws LimitExceededException {
    count += n;
    if (count > limit) {
      throw new LimitExceededException("more than " + limit + " bytes read: " + what);
    }
  }
}
