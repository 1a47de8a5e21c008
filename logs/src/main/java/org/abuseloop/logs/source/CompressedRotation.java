package org.abuseloop.logs.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.zip.GZIPInputStream;

/**
 * A gzip-compressed rotated file ({@code auth.log.1.gz}) checked against a saved position of the
 * uncompressed log it was made from (the same check tells a rotated file from a new one that reuses the
 * saved inode number): it is that log when its uncompressed bytes reach the saved
 * offset, the byte before the offset ends a line, and the lines before it are as many as the
 * position counts. Then the rest of it can be read from there. Not thread-safe: one per look.
 *
 * <p>Uses the JDK's {@link GZIPInputStream}, which reads concatenated members as one stream, as
 * {@code gzip -d} does. Other compressions (xz, zstd, bzip2) need libraries the project does not
 * carry: such files are not read, and the follower says so.
 */
final class CompressedRotation {

  private CompressedRotation() {}

  /**
   * Opens {@code s} positioned at {@code saved}'s offset when it is the compressed copy of the saved
   * file; null when it is not (or is not gzip). The caller closes the stream.
   */
  static InputStream openAt(RotatedSiblings.Sibling s, Position saved) throws IOException {
    if (!s.path().getFileName().toString().endsWith(".gz")) {
      return null;
    }
    InputStream file = new BufferedInputStream(Files.newInputStream(s.path()), 64 * 1024);
    try {
      // Inside the try: a header that is not gzip's, or a file logrotate has only begun to write, fails here.
      InputStream in = new GZIPInputStream(file, 64 * 1024);
      if (skipCountingLines(in, saved.offset(), saved.lineNumber())) {
        return in;
      }
    } catch (IOException e) {
      // Not gzip, or damaged: not the saved file.
    }
    file.close();
    return null;
  }

  /**
   * Reads exactly {@code offset} bytes; true when they hold exactly {@code lines} line ends and end with
   * one (or are none): the content a saved position was taken in.
   */
  static boolean skipCountingLines(InputStream in, long offset, long lines) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long left = offset;
    long count = 0;
    int last = '\n';
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if (buffer[i] == '\n') {
          count++;
        }
      }
      last = buffer[n - 1];
      left -= n;
    }
    return last == '\n' && count == lines;
  }
}
