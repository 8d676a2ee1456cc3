package dev.scenelift.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class FileChecksumTest {
  @Test
  void readsTheSha512MultihashUsgsItemsCarry() throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-512").digest("band".getBytes(StandardCharsets.UTF_8));
    String multihash = "1340" + HexFormat.of().formatHex(digest);

    FileChecksum c = FileChecksum.parseMultihash(multihash.toUpperCase(java.util.Locale.ROOT));

    assertThat(c.algorithm()).isEqualTo("sha2-512");
    assertThat(c.matches(c.newDigest().digest("band".getBytes(StandardCharsets.UTF_8)))).isTrue();
    assertThat(c.matches(c.newDigest().digest("other".getBytes(StandardCharsets.UTF_8)))).isFalse();
    assertThat(c.multihash()).isEqualTo(multihash);
  }

  @Test
  void readsSha256AndMd5Multihashes() {
    assertThat(FileChecksum.parseMultihash("1220" + "a".repeat(64)).algorithm()).isEqualTo("sha2-256");
    assertThat(FileChecksum.parseMultihash("d50110" + "b".repeat(32)).algorithm()).isEqualTo("md5");
  }

  @Test
  void refusesUnknownCodesAndWrongLengthsNamingTheValue() {
    assertThatThrownBy(() -> FileChecksum.parseMultihash("1b20" + "a".repeat(64)))
        .hasMessageContaining("'1b20").hasMessageContaining("not a multihash");
    assertThatThrownBy(() -> FileChecksum.parseMultihash("1340abcd"))
        .hasMessageContaining("needs 128 hex digits");
  }
}
