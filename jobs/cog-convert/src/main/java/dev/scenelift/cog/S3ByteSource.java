package dev.scenelift.cog;

import dev.scenelift.store.S3Location;
import java.io.EOFException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An S3 object read with ranged GETs in {@value #CHUNK}-byte chunks, a few of them cached: validating a COG touches
 * its header area (one or two requests), not its data.
 */
final class S3ByteSource implements ByteSource {
  static final int CHUNK = 64 * 1024;
  private static final int CACHED_CHUNKS = 16;

  private final S3Client s3;
  private final S3Location location;
  private final long size;
  private final Map<Long, byte[]> chunks =
      new LinkedHashMap<>(CACHED_CHUNKS, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
          return size() > CACHED_CHUNKS;
        }
      };

  S3ByteSource(S3Client s3, S3Location location, long size) {
    this.s3 = s3;
    this.location = location;
    this.size = size;
  }

  /** Opens an object, learning its size with a HEAD request. */
  static S3ByteSource open(S3Client s3, S3Location location) {
    long size = s3.headObject(b -> b.bucket(location.bucket()).key(location.key())).contentLength();
    return new S3ByteSource(s3, location, size);
  }

  @Override
  public String name() {
    return location.toString();
  }

  @Override
  public long size() {
    return size;
  }

  @Override
  public byte[] read(long offset, int length) throws IOException {
    if (offset < 0 || offset + length > size) {
      throw new EOFException(location + ": wanted " + length + " bytes at " + offset + ", object ends at " + size);
    }
    byte[] out = new byte[length];
    int done = 0;
    while (done < length) {
      long pos = offset + done;
      long chunkIndex = pos / CHUNK;
      byte[] chunk = chunk(chunkIndex);
      int from = (int) (pos - chunkIndex * CHUNK);
      int n = Math.min(chunk.length - from, length - done);
      System.arraycopy(chunk, from, out, done, n);
      done += n;
    }
    return out;
  }

  private byte[] chunk(long index) {
    byte[] cached = chunks.get(index);
    if (cached != null) {
      return cached;
    }
    long start = index * CHUNK;
    long end = Math.min(size, start + CHUNK) - 1;
    byte[] bytes =
        s3.getObjectAsBytes(
                b -> b.bucket(location.bucket()).key(location.key()).range("bytes=" + start + "-" + end))
            .asByteArray();
    chunks.put(index, bytes);
    return bytes;
  }

  @Override
  public boolean hasSibling(String suffix) {
    try {
      s3.headObject(b -> b.bucket(location.bucket()).key(location.key() + suffix));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public boolean isLocal() {
    return false;
  }

  @Override
  public void close() {
    chunks.clear();
  }
}
