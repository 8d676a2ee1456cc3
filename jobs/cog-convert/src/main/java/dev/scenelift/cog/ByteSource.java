package dev.scenelift.cog;

import java.io.IOException;

/** Random access to the bytes of one file, local or in S3; the creator closes it. */
interface ByteSource extends AutoCloseable {
  /** What is being read, for messages: a path or an s3:// URI. */
  String name();

  long size() throws IOException;

  /** Exactly {@code length} bytes from {@code offset}; fails when the file is shorter. */
  byte[] read(long offset, int length) throws IOException;

  /** Whether a file with this suffix appended to the name exists beside it (e.g. {@code .ovr}). */
  boolean hasSibling(String suffix) throws IOException;

  /** Whether reads are cheap (local), so that every block can be checked. */
  boolean isLocal();

  @Override
  void close() throws IOException;
}
