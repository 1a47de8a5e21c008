package org.abuseloop.logs.source;

import java.util.Objects;

/**
 * Where a source stands, so a restarted source resumes there; serialisable to and from one line of
 * text. A file is placed by its identity (device and inode, not its name), the offset after the last
 * line handed over and that line's number; the journal by its cursor; a stream (stdin, syslog) only
 * counts what it read and cannot be resumed. Immutable and thread-safe.
 *
 * <p>Text forms (one line, version-free key=value so a reader can tell them apart):
 * {@code file dev=2049 ino=131075 offset=8192 line=97}, {@code journal line=12 cursor=s=..;i=..},
 * {@code stream offset=512 line=4}.
 */
public record Position(Kind kind, long device, long inode, long offset, long lineNumber, String cursor) {

  /** What a position is measured in. */
  public enum Kind {
    /** A file's (device, inode), byte offset and line number. */
    FILE,
    /** A journal cursor. */
    JOURNAL,
    /** Bytes and lines read from a stream that cannot be resumed. */
    STREAM
  }

  public Position {
    Objects.requireNonNull(kind, "kind");
    if (offset < 0 || lineNumber < 0) {
      throw new IllegalArgumentException("negative offset or line number: " + offset + ", " + lineNumber);
    }
    if (kind == Kind.JOURNAL && (cursor == null || cursor.isEmpty() || cursor.indexOf('\n') >= 0 || cursor.indexOf('\r') >= 0)) {
      throw new IllegalArgumentException("a journal position needs a one-line cursor");
    }
    if (kind != Kind.JOURNAL && cursor != null) {
      throw new IllegalArgumentException("only a journal position has a cursor");
    }
  }

  /** A file position: identity, offset after the last line handed over, that line's number. */
  public static Position file(long device, long inode, long offset, long lineNumber) {
    return new Position(Kind.FILE, device, inode, offset, lineNumber, null);
  }

  /** A journal position: the cursor of the last entry handed over, and how many were handed over. */
  public static Position journal(String cursor, long lineNumber) {
    return new Position(Kind.JOURNAL, 0, 0, 0, lineNumber, cursor);
  }

  /** A stream position: bytes and lines read so far (informative only). */
  public static Position stream(long offset, long lineNumber) {
    return new Position(Kind.STREAM, 0, 0, offset, lineNumber, null);
  }

  /** The one-line text form, read back by {@link #parse}. */
  public String toText() {
    return switch (kind) {
      case FILE -> "file dev=" + device + " ino=" + inode + " offset=" + offset + " line=" + lineNumber;
      case JOURNAL -> "journal line=" + lineNumber + " cursor=" + cursor;
      case STREAM -> "stream offset=" + offset + " line=" + lineNumber;
    };
  }

  /** Reads the text form of {@link #toText}; a precise {@link IllegalArgumentException} otherwise. */
  public static Position parse(String text) {
    Objects.requireNonNull(text, "text");
    String t = text.strip();
    try {
      if (t.startsWith("file ")) {
        String[] f = fields(t, 5);
        return file(number(f[1], "dev="), number(f[2], "ino="), number(f[3], "offset="), number(f[4], "line="));
      }
      if (t.startsWith("journal ")) {
        int cursorAt = t.indexOf(" cursor=");
        if (cursorAt < 0) {
          throw new IllegalArgumentException("no cursor=");
        }
        return journal(t.substring(cursorAt + 8), number(t.substring(8, cursorAt), "line="));
      }
      if (t.startsWith("stream ")) {
        String[] f = fields(t, 3);
        return stream(number(f[1], "offset="), number(f[2], "line="));
      }
      throw new IllegalArgumentException("unknown kind (file, journal or stream expected)");
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a source position: '" + text + "': " + e.getMessage(), e);
    }
  }

  private static String[] fields(String t, int count) {
    String[] f = t.split(" ");
    if (f.length != count) {
      throw new IllegalArgumentException(count + " fields expected, found " + f.length);
    }
    return f;
  }

  private static long number(String field, String key) {
    if (!field.startsWith(key)) {
      throw new IllegalArgumentException("'" + key + "' expected at '" + field + "'");
    }
    return Long.parseLong(field.substring(key.length()));
  }
}
