package dev.scenelift.bundle;

import java.io.InputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * A {@link TarArchiveInputStream} that also verifies each header's checksum (Commons Compress parses a damaged header
 * as best it can), failing with {@link CorruptHeaderException}.
 */
final class ChecksummedTarInputStream extends TarArchiveInputStream {
  /** A tar header whose checksum does not match its bytes. */
  static final class CorruptHeaderException extends RuntimeException {
    CorruptHeaderException(String message) {
      super(message);
    }
  }

  private long headers;

  ChecksummedTarInputStream(InputStream in) {
    super(in);
  }

  @Override
  protected boolean isEOFRecord(byte[] record) {
    if (super.isEOFRecord(record)) {
      return true;
    }
    headers++;
    if (!TarUtils.verifyCheckSum(record)) {
      throw new CorruptHeaderException("tar header " + headers + " fails its checksum");
    }
    return false;
  }
}
