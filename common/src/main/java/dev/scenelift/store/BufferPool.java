package dev.scenelift.store;

import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/** At most {@code count} buffers of one size, made on first need and reused; taking blocks while all are out. */
final class BufferPool {
  private final int size;
  private final int count;
  private final BlockingQueue<byte[]> free;
  private int created;

  BufferPool(int size, int count) {
    this.size = size;
    this.count = count;
    this.free = new ArrayBlockingQueue<>(count);
  }

  byte[] take() throws InterruptedIOException {
    byte[] buffer = free.poll();
    if (buffer != null) {
      return buffer;
    }
    synchronized (this) {
      if (created < count) {
        created++;
        return new byte[size];
      }
    }
    try {
      return free.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for an upload buffer");
    }
  }

  void give(byte[] buffer) {
    free.offer(buffer);
  }
}
