package dev.scenelift.manifest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A checksum a catalog publishes for one file, as the STAC file extension's {@code file:checksum} writes it: a
 * <a href="https://github.com/multiformats/multihash">multihash</a> in hex, e.g. {@code 1340…} for SHA-512 (code 0x13,
 * 64 bytes), which is what USGS's STAC items carry. Understood codes: sha1 (0x11), sha2-256 (0x12), sha2-512 (0x13),
 * md5 (0xd5, written {@code d501}).
 *
 * @param algorithm the multihash name, e.g. {@code sha2-512}
 * @param hex the digest, lower-case hex
 */
public record FileChecksum(String algorithm, String hex) {
  private enum Code {
    SHA1("11", "sha1", "SHA-1", 20),
    SHA2_256("12", "sha2-256", "SHA-256", 32),
    SHA2_512("13", "sha2-512", "SHA-512", 64),
    MD5("d501", "md5", "MD5", 16);

    final String prefix;
    final String multihashName;
    final String jdkName;
    final int bytes;

    Code(String prefix, String multihashName, String jdkName, int bytes) {
      this.prefix = prefix;
      this.multihashName = multihashName;
      this.jdkName = jdkName;
      this.bytes = bytes;
    }

    static Code named(String name) {
      for (Code c : values()) {
        if (c.multihashName.equals(name)) {
          return c;
        }
      }
      throw new IllegalArgumentException("unknown checksum algorithm '" + name + "'");
    }
  }

  public FileChecksum {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(hex, "hex");
    hex = hex.toLowerCase(Locale.ROOT);
    Code code = Code.named(algorithm);
    if (!hex.matches("[0-9a-f]{" + 2 * code.bytes + "}")) {
      throw new IllegalArgumentException(algorithm + " digest must be " + 2 * code.bytes + " hex digits, got '" + hex
          + "'");
    }
  }

  /**
   * Parses a hex multihash.
   *
   * @throws IllegalArgumentException for an unknown code, a wrong length or non-hex text, naming the value
   */
  public static FileChecksum parseMultihash(String multihash) {
    String m = multihash.strip().toLowerCase(Locale.ROOT);
    for (Code c : Code.values()) {
      String length = String.format(Locale.ROOT, "%02x", c.bytes);
      if (m.startsWith(c.prefix + length)) {
        String digest = m.substring(c.prefix.length() + 2);
        if (digest.length() == 2 * c.bytes && digest.matches("[0-9a-f]+")) {
          return new FileChecksum(c.multihashName, digest);
        }
        throw new IllegalArgumentException(
            "file:checksum '" + multihash + "': a " + c.multihashName + " multihash needs " + 2 * c.bytes
                + " hex digits after its prefix");
      }
    }
    throw new IllegalArgumentException(
        "file:checksum '" + multihash + "' is not a multihash of sha1, sha2-256, sha2-512 or md5");
  }

  /** A fresh digest of this algorithm, to hash the bytes with as they pass. */
  public MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance(Code.named(algorithm).jdkName);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no " + algorithm, e);
    }
  }

  /** Whether a computed digest matches. */
  public boolean matches(byte[] digest) {
    return HexFormat.of().formatHex(digest).equals(hex);
  }

  /** The multihash form, as {@code file:checksum} writes it. */
  public String multihash() {
    Code c = Code.named(algorithm);
    return c.prefix + String.format(Locale.ROOT, "%02x", c.bytes) + hex;
  }

  @Override
  public String toString() {
    return algorithm + ":" + hex;
  }
}
