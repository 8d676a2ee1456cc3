package dev.scenelift.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds real tar (and tar.gz) bundles in memory with Commons Compress, including hostile ones. */
public final class TarBuilder {
  private record Item(String name, byte[] body, byte type, String link) {}

  private final List<Item> items = new ArrayList<>();

  public TarBuilder file(String name, byte[] body) {
    items.add(new Item(name, body, TarConstants.LF_NORMAL, null));
    return this;
  }

  public TarBuilder file(String name, String body) {
    return file(name, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public TarBuilder directory(String name) {
    items.add(new Item(name.endsWith("/") ? name : name + "/", new byte[0], TarConstants.LF_DIR, null));
    return this;
  }

  public TarBuilder symlink(String name, String target) {
    items.add(new Item(name, new byte[0], TarConstants.LF_SYMLINK, target));
    return this;
  }

  public TarBuilder hardlink(String name, String target) {
    items.add(new Item(name, new byte[0], TarConstants.LF_LINK, target));
    return this;
  }

  public TarBuilder fifo(String name) {
    items.add(new Item(name, new byte[0], TarConstants.LF_FIFO, null));
    return this;
  }

  public byte[] tar() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Item item : items) {
        TarArchiveEntry entry = new TarArchiveEntry(item.name(), item.type(), true);
        if (item.link() != null) {
          entry.setLinkName(item.link());
        }
        if (item.type() == TarConstants.LF_NORMAL) {
          entry.setSize(item.body().length);
        }
        tar.putArchiveEntry(entry);
        tar.write(item.body());
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public byte[] tarGz() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(bytes)) {
      gz.write(tar());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Pseudo-random, incompressible bytes, the same for the same seed. */
  public static byte[] randomBytes(int size, long seed) {
    byte[] out = new byte[size];
    new Random(seed).nextBytes(out);
    return out;
  }

  public static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
