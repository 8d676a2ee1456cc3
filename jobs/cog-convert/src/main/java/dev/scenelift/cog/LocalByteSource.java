package dev.scenelift.cog;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A local file. */
final class LocalByteSource implements ByteSource {
  private final Path path;
  private final FileChannel channel;

  LocalByteSource(Path path) throws IOException {
    this.path = path;
    this.channel = FileChannel.open(path, StandardOpenOption.READ);
  }

  @Override
  public String name() {
    return path.toString();
  }

  @Override
  public long size() throws IOException {
    return channel.size();
  }

  @Override
  public byte[] read(long offset, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    long pos = offset;
    while (buf.hasRemaining()) {
      int n = channel.read(buf, pos);
      if (n < 0) {
        throw new EOFException(path + ": wanted " + length + " bytes at " + offset + ", file ends at " + size());
      }
      pos += n;
    }
    return buf.array();
  }

  @Override
  public boolean hasSibling(String suffix) {
    return Files.exists(path.resolveSibling(path.getFileName() + suffix));
  }

  @Override
  public boolean isLocal() {
    return true;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
