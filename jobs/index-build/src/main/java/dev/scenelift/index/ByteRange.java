package dev.scenelift.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One byte range of an HTTP {@code Range: bytes=...} header (RFC 9110 §14.1.2): {@code first-last}, the open-ended
 * {@code first-}, or the suffix {@code -length}.
 *
 * @param first the first byte, or -1 for a suffix range
 * @param last the last byte (inclusive), or -1 when open-ended or a suffix
 * @param suffixLength the number of final bytes of a suffix range, else -1
 */
record ByteRange(long first, long last, long suffixLength) {
  ByteRange {
    boolean suffix = first < 0;
    if (suffix ? suffixLength < 0 || last != -1 : suffixLength != -1 || (last != -1 && last < first)) {
      throw new IllegalArgumentException("not a byte range: " + first + "-" + last + " suffix " + suffixLength);
    }
  }

  /**
   * The ranges of a {@code Range} header; empty when the header is absent, names another unit or is malformed, in
   * which case the server answers with the whole object as RFC 9110 asks.
   */
  static Optional<List<ByteRange>> parse(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String h = header.strip();
    if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
      return Optional.empty();
    }
    List<ByteRange> out = new ArrayList<>();
    for (String spec : h.substring(6).split(",", -1)) {
      String s = spec.strip();
      int dash = s.indexOf('-');
      if (dash < 0 || s.indexOf('-', dash + 1) >= 0) {
        return Optional.empty();
      }
      try {
        String a = s.substring(0, dash);
        String b = s.substring(dash + 1);
        if (a.isEmpty()) {
          out.add(new ByteRange(-1, -1, digits(b)));
        } else {
          long first = digits(a);
          long last = b.isEmpty() ? -1 : digits(b);
          if (last != -1 && last < first) {
            return Optional.empty();
          }
          out.add(new ByteRange(first, last, -1));
        }
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.of(List.copyOf(out));
  }

  private static long digits(String s) {
    if (s.isEmpty() || !s.chars().allMatch(Character::isDigit)) {
      throw new NumberFormatException(s);
    }
    return Long.parseLong(s);
  }

  /** This range against an object of {@code size} bytes: {first, last}, or empty when none of it exists. */
  Optional<long[]> within(long size) {
    if (first < 0) {
      return suffixLength == 0 || size == 0
          ? Optional.empty()
          : Optional.of(new long[] {Math.max(0, size - suffixLength), size - 1});
    }
    if (first >= size) {
      return Optional.empty();
    }
    return Optional.of(new long[] {first, last < 0 ? size - 1 : Math.min(last, size - 1)});
  }

  /** The smallest single range holding every satisfiable one of {@code ranges}, or empty when none is satisfiable. */
  static Optional<ByteRange> spanning(List<ByteRange> ranges, long size) {
    long from = Long.MAX_VALUE;
    long to = -1;
    for (ByteRange r : ranges) {
      Optional<long[]> w = r.within(size);
      if (w.isPresent()) {
        from = Math.min(from, w.get()[0]);
        to = Math.max(to, w.get()[1]);
      }
    }
    return to < 0 ? Optional.empty() : Optional.of(new ByteRange(from, to, -1));
  }

  /** As S3's GetObject {@code Range} parameter. */
  String header() {
    if (first < 0) {
      return "bytes=-" + suffixLength;
    }
    return "bytes=" + first + "-" + (last < 0 ? "" : Long.toString(last));
  }
}
