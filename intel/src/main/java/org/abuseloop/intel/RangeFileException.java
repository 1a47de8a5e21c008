package org.abuseloop.intel;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A range file that cannot be read as any known feed, or an entry in it that is malformed; the
 * message names the file and the line or JSON path. Immutable, so thread-safe once thrown.
 */
public final class RangeFileException extends IOException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String location;

  RangeFileException(Path file, String location, String problem) {
    super(file + (location == null ? "" : ": " + location) + ": " + problem);
    this.file = file;
    this.location = location;
  }

  RangeFileException(Path file, String location, String problem, Throwable cause) {
    this(file, location, problem);
    initCause(cause);
  }

  /** The file at fault. */
  public Path file() {
    return file;
  }

  /** Where in the file: {@code line 17}, {@code $.prefixes[3].ip_prefix}, or null for the whole file. */
  public String location() {
    return location;
  }
}
