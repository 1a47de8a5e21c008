package org.abuseloop.logs.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A file's identity, (device, inode), which survives a rename and changes when a file of the same
 * name replaces it. Immutable and thread-safe.
 */
record FileIdentity(long device, long inode) {

  /** The identity of the file {@code path} names now (symbolic links followed), or null when there is none. */
  static FileIdentity of(Path path) throws IOException {
    try {
      Map<String, Object> a = Files.readAttributes(path, "unix:dev,ino");
      return new FileIdentity(((Number) a.get("dev")).longValue(), ((Number) a.get("ino")).longValue());
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** True when {@code p} names a file with this identity. */
  boolean matches(Position p) {
    return p != null && p.kind() == Position.Kind.FILE && p.device() == device && p.inode() == inode;
  }
}
