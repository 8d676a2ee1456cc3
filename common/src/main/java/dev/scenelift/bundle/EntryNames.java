package dev.scenelift.bundle;

import dev.scenelift.store.KeyLayout;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Which tar entries may be unpacked, and under what name: regular files named by one plain file name, optionally
 * below one leading directory (which is dropped). Links, devices, fifos, absolute paths, '..' and deeper paths are
 * refused; directories are skipped.
 */
final class EntryNames {
  /** An entry that must not be unpacked; the message says why. */
  static final class Rejected extends Exception {
    Rejected(String message) {
      super(message);
    }
  }

  private EntryNames() {}

  /** The plain file name to store the entry under, or empty for a directory entry. */
  static Optional<String> fileName(TarArchiveEntry entry) throws Rejected {
    String name = entry.getName();
    if (entry.isSymbolicLink()) {
      throw new Rejected("entry '" + name + "' is a symbolic link to '" + entry.getLinkName() + "'");
    }
    if (entry.isLink()) {
      throw new Rejected("entry '" + name + "' is a hard link to '" + entry.getLinkName() + "'");
    }
    if (entry.isCharacterDevice() || entry.isBlockDevice()) {
      throw new Rejected("entry '" + name + "' is a device");
    }
    if (entry.isFIFO()) {
      throw new Rejected("entry '" + name + "' is a fifo");
    }
    if (name.startsWith("/") || name.contains("\\")) {
      throw new Rejected("entry '" + name + "' has an absolute or non-portable path");
    }
    String path = name.startsWith("./") ? name.substring(2) : name;
    for (String segment : path.split("/", -1)) {
      if (segment.equals("..")) {
        throw new Rejected("entry '" + name + "' climbs out of the bundle with '..'");
      }
    }
    if (entry.isDirectory()) {
      return Optional.empty();
    }
    if (!entry.isFile()) {
      throw new Rejected("entry '" + name + "' is not a regular file");
    }
    String[] parts = path.split("/", -1);
    if (parts.length > 2) {
      throw new Rejected("entry '" + name + "' is nested deeper than one directory");
    }
    String file = parts[parts.length - 1];
    try {
      return Optional.of(KeyLayout.requireFileName(file));
    } catch (IllegalArgumentException e) {
      throw new Rejected("entry '" + name + "' is " + e.getMessage());
    }
  }
}
