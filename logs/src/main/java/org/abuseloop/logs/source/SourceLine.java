package org.abuseloop.logs.source;

/**
 * One line of a {@link LogSource}: its raw bytes (no line end, not decoded: invalid UTF-8 and NULs
 * pass through), its 1-based number in the source and the position just after it. {@code truncated}
 * marks a line cut at the source's line limit (the rest of it was read and dropped); immutable by
 * convention (the byte array is the source's own copy, not reused).
 */
public record SourceLine(String source, byte[] bytes, long lineNumber, Position after, boolean truncated) {

  /** A line that was not cut. */
  public SourceLine(String source, byte[] bytes, long lineNumber, Position after) {
    this(source, bytes, lineNumber, after, false);
  }

  /** The bytes as text for logs and tests (invalid UTF-8 becomes U+FFFD). */
  public String text() {
    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
  }
}
