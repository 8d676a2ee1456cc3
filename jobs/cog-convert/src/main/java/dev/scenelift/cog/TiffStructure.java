package dev.scenelift.cog;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The layout of a TIFF or BigTIFF file, read from its bytes: header, GDAL's structural-metadata "ghost area" if any,
 * and every IFD of the chain. No pixel is decoded.
 *
 * @param bigTiff BigTIFF (64-bit offsets)
 * @param headerSize 8 for classic TIFF, 16 for BigTIFF
 * @param structuralMetadata the text of GDAL's {@code GDAL_STRUCTURAL_METADATA} block right after the header
 * @param expectedFirstIfd where a COG's first IFD must be: right after the header and the ghost area
 * @param fileSize bytes
 * @param images the IFDs in chain order
 */
record TiffStructure(
    boolean bigTiff,
    int headerSize,
    Optional<String> structuralMetadata,
    long expectedFirstIfd,
    long fileSize,
    List<TiffImage> images) {
  private static final int MAX_IFDS = 1000;
  private static final String GHOST_KEY = "GDAL_STRUCTURAL_METADATA_SIZE=";
  private static final int GHOST_HEADER = (GHOST_KEY + "000000 bytes\n").length();

  private static final int NEW_SUBFILE_TYPE = 254;
  private static final int IMAGE_WIDTH = 256;
  private static final int IMAGE_LENGTH = 257;
  private static final int COMPRESSION = 259;
  private static final int STRIP_OFFSETS = 273;
  private static final int SAMPLES_PER_PIXEL = 277;
  private static final int ROWS_PER_STRIP = 278;
  private static final int STRIP_BYTE_COUNTS = 279;
  private static final int PLANAR_CONFIG = 284;
  private static final int PREDICTOR = 317;
  private static final int TILE_WIDTH = 322;
  private static final int TILE_LENGTH = 323;
  private static final int TILE_OFFSETS = 324;
  private static final int TILE_BYTE_COUNTS = 325;

  TiffStructure {
    images = List.copyOf(images);
  }

  long firstIfdOffset() {
    return images.get(0).ifdOffset();
  }

  /** Reads the structure; {@link TiffFormatException} when the bytes are not a TIFF or its IFDs are broken. */
  static TiffStructure read(ByteSource source) throws IOException, TiffFormatException {
    long size = source.size();
    if (size < 8) {
      throw new TiffFormatException("not a TIFF: only " + size + " bytes");
    }
    byte[] head = source.read(0, (int) Math.min(16, size));
    ByteOrder order;
    if (head[0] == 'I' && head[1] == 'I') {
      order = ByteOrder.LITTLE_ENDIAN;
    } else if (head[0] == 'M' && head[1] == 'M') {
      order = ByteOrder.BIG_ENDIAN;
    } else {
      throw new TiffFormatException("not a TIFF: it starts with " + describeStart(source, size));
    }
    ByteBuffer h = ByteBuffer.wrap(head).order(order);
    int magic = Short.toUnsignedInt(h.getShort(2));
    boolean big;
    long firstIfd;
    if (magic == 42) {
      big = false;
      firstIfd = Integer.toUnsignedLong(h.getInt(4));
    } else if (magic == 43 && head.length >= 16 && h.getShort(4) == 8) {
      big = true;
      firstIfd = h.getLong(8);
    } else {
      throw new TiffFormatException("not a TIFF: bad version number " + magic);
    }
    int headerSize = big ? 16 : 8;
    Optional<String> ghost = Optional.empty();
    long expected = headerSize;
    if (size >= headerSize + GHOST_HEADER) {
      String g = new String(source.read(headerSize, GHOST_HEADER), StandardCharsets.ISO_8859_1);
      if (g.startsWith(GHOST_KEY)) {
        try {
          int len = Integer.parseInt(g.substring(GHOST_KEY.length(), GHOST_KEY.length() + 6));
          ghost =
              Optional.of(
                  new String(
                      source.read(headerSize + GHOST_HEADER, (int) Math.min(len, size - headerSize - GHOST_HEADER)),
                      StandardCharsets.ISO_8859_1));
          expected = headerSize + GHOST_HEADER + len;
          expected += expected % 2;
        } catch (NumberFormatException e) {
          throw new TiffFormatException("malformed GDAL structural metadata header '" + g.strip() + "'");
        }
      }
    }
    IfdReader reader = new IfdReader(source, order, big, size);
    List<TiffImage> images = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    long next = firstIfd;
    while (next != 0) {
      if (!seen.add(next) || images.size() >= MAX_IFDS) {
        throw new TiffFormatException("IFD chain loops or is too long (at byte " + next + ")");
      }
      if (next < headerSize || next >= size) {
        throw new TiffFormatException(
            "IFD " + images.size() + " at byte " + next + " lies outside the file (" + size + " bytes; truncated?)");
      }
      IfdReader.Ifd ifd = reader.read(next);
      images.add(toImage(images.size(), next, ifd));
      next = ifd.next();
    }
    if (images.isEmpty()) {
      throw new TiffFormatException("TIFF has no image (first IFD offset is 0)");
    }
    return new TiffStructure(big, headerSize, ghost, expected, size, images);
  }

  private static TiffImage toImage(int index, long offset, IfdReader.Ifd ifd) throws TiffFormatException {
    long width = ifd.scalar(IMAGE_WIDTH, -1);
    long height = ifd.scalar(IMAGE_LENGTH, -1);
    if (width <= 0 || height <= 0) {
      throw new TiffFormatException("IFD " + index + " has no image size");
    }
    boolean tiled = ifd.has(TILE_WIDTH);
    long bw = tiled ? ifd.scalar(TILE_WIDTH, 0) : width;
    long bh = tiled ? ifd.scalar(TILE_LENGTH, 0) : Math.min(height, ifd.scalar(ROWS_PER_STRIP, height));
    if (bw <= 0 || bh <= 0) {
      throw new TiffFormatException("IFD " + index + " has a zero block size");
    }
    long[] offsets = ifd.array(tiled ? TILE_OFFSETS : STRIP_OFFSETS);
    long[] counts = ifd.array(tiled ? TILE_BYTE_COUNTS : STRIP_BYTE_COUNTS);
    if (offsets.length != counts.length) {
      throw new TiffFormatException(
          "IFD " + index + " lists " + offsets.length + " block offsets but " + counts.length + " byte counts");
    }
    return new TiffImage(
        index,
        offset,
        ifd.scalar(NEW_SUBFILE_TYPE, 0),
        width,
        height,
        tiled,
        bw,
        bh,
        (int) ifd.scalar(SAMPLES_PER_PIXEL, 1),
        ifd.scalar(PLANAR_CONFIG, 1) == 2,
        (int) ifd.scalar(COMPRESSION, 1),
        (int) ifd.scalar(PREDICTOR, 1),
        offsets,
        counts);
  }

  private static String describeStart(ByteSource source, long size) throws IOException {
    byte[] start = source.read(0, (int) Math.min(32, size));
    StringBuilder text = new StringBuilder();
    for (byte b : start) {
      text.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
    }
    String s = text.toString();
    String hint = s.stripLeading().startsWith("<") ? " (an HTML or XML page, not an image)" : "";
    return "'" + s + "'" + hint;
  }

  /** Reads IFD entries and their values. */
  private static final class IfdReader {
    private final ByteSource source;
    private final ByteOrder order;
    private final boolean big;
    private final long size;

    IfdReader(ByteSource source, ByteOrder order, boolean big, long size) {
      this.source = source;
      this.order = order;
      this.big = big;
      this.size = size;
    }

    record Entry(int tag, int type, long count, long valueField, byte[] inline) {}

    record Ifd(List<Entry> entries, long next, IfdReader reader) {
      boolean has(int tag) {
        return entries.stream().anyMatch(e -> e.tag() == tag);
      }

      long scalar(int tag, long fallback) throws TiffFormatException {
        for (Entry e : entries) {
          if (e.tag() == tag) {
            long[] v = reader.values(e);
            return v.length == 0 ? fallback : v[0];
          }
        }
        return fallback;
      }

      long[] array(int tag) throws TiffFormatException {
        for (Entry e : entries) {
          if (e.tag() == tag) {
            return reader.values(e);
          }
        }
        return new long[0];
      }
    }

    Ifd read(long offset) throws TiffFormatException {
      try {
        int countSize = big ? 8 : 2;
        int entrySize = big ? 20 : 12;
        int fieldSize = big ? 8 : 4;
        ByteBuffer c = ByteBuffer.wrap(source.read(offset, countSize)).order(order);
        long n = big ? c.getLong(0) : Short.toUnsignedInt(c.getShort(0));
        if (n <= 0 || n > 10_000 || offset + countSize + n * entrySize + fieldSize > size) {
          throw new TiffFormatException("IFD at byte " + offset + " is malformed or cut off (" + n + " entries)");
        }
        ByteBuffer b =
            ByteBuffer.wrap(source.read(offset + countSize, (int) (n * entrySize + fieldSize))).order(order);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          int base = i * entrySize;
          int tag = Short.toUnsignedInt(b.getShort(base));
          int type = Short.toUnsignedInt(b.getShort(base + 2));
          long count = big ? b.getLong(base + 4) : Integer.toUnsignedLong(b.getInt(base + 4));
          byte[] inline = new byte[fieldSize];
          b.get(base + (big ? 12 : 8), inline);
          long field =
              big ? ByteBuffer.wrap(inline).order(order).getLong() : Integer.toUnsignedLong(ByteBuffer.wrap(inline).order(order).getInt());
          entries.add(new Entry(tag, type, count, field, inline));
        }
        long next =
            big ? b.getLong((int) (n * entrySize)) : Integer.toUnsignedLong(b.getInt((int) (n * entrySize)));
        return new Ifd(entries, next, this);
      } catch (EOFException e) {
        throw new TiffFormatException("IFD at byte " + offset + " is cut off (truncated file?)", e);
      } catch (IOException e) {
        throw new TiffFormatException("cannot read IFD at byte " + offset + ": " + e.getMessage(), e);
      }
    }

    long[] values(Entry e) throws TiffFormatException {
      int width =
          switch (e.type()) {
            case 1, 6, 7 -> 1; // BYTE, SBYTE, UNDEFINED
            case 3, 8 -> 2; // SHORT, SSHORT
            case 4, 9, 13 -> 4; // LONG, SLONG, IFD
            case 16, 17, 18 -> 8; // LONG8, SLONG8, IFD8
            default -> 0;
          };
      if (width == 0) {
        return new long[0];
      }
      if (e.count() < 0 || e.count() > 50_000_000L) {
        throw new TiffFormatException("tag " + e.tag() + " has an implausible count " + e.count());
      }
      int total = (int) (e.count() * width);
      byte[] raw;
      if (total <= e.inline().length) {
        raw = e.inline();
      } else {
        if (e.valueField() + total > size) {
          throw new TiffFormatException(
              "values of tag " + e.tag() + " at byte " + e.valueField() + " run past the end of the file (truncated?)");
        }
        try {
          raw = source.read(e.valueField(), total);
        } catch (IOException ex) {
          throw new TiffFormatException("cannot read tag " + e.tag() + ": " + ex.getMessage(), ex);
        }
      }
      ByteBuffer b = ByteBuffer.wrap(raw).order(order);
      long[] out = new long[(int) e.count()];
      for (int i = 0; i < out.length; i++) {
        out[i] =
            switch (width) {
              case 1 -> Byte.toUnsignedLong(b.get(i));
              case 2 -> Short.toUnsignedLong(b.getShort(i * 2));
              case 4 -> Integer.toUnsignedLong(b.getInt(i * 4));
              default -> b.getLong(i * 8);
            };
      }
      return out;
    }
  }
}
