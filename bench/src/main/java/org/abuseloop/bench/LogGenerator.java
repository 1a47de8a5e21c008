package org.abuseloop.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A seeded writer of synthetic log lines in one service's format: the same seed always gives the
 * same bytes. Not thread-safe; each instance holds its random generator and simulated clock.
 */
public abstract class LogGenerator {

  /** Appends one line, without its line feed. */
  protected abstract void appendLine(StringBuilder line);

  /** Writes {@code lines} lines, each ended by LF, to {@code out} (closed at the end). */
  public final void write(long lines, OutputStream out) throws IOException {
    StringBuilder line = new StringBuilder(512);
    try (OutputStream o = new BufferedOutputStream(out, 1 << 16)) {
      for (long n = 0; n < lines; n++) {
        line.setLength(0);
        appendLine(line);
        line.append('\n');
        o.write(line.toString().getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  /** Writes {@code lines} lines to a new file (replacing an old one). */
  public final void write(long lines, Path file) throws IOException {
    write(lines, Files.newOutputStream(file));
  }
}
