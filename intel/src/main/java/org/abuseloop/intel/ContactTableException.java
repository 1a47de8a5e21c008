package org.abuseloop.intel;

/**
 * A provider channel table or an operator override file with a bad entry; the message is
 * {@code origin:line: field: problem}, so an editor can jump to it. Immutable, so thread-safe once thrown.
 */
public final class ContactTableException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String origin;
  private final int line;
  private final String field;

  ContactTableException(String origin, int line, String field, String problem) {
    super(origin + (line > 0 ? ":" + line : "") + (field == null ? "" : ": " + field) + ": " + problem);
    this.origin = origin;
    this.line = line;
    this.field = field;
  }

  /** The file or resource at fault. */
  public String origin() {
    return origin;
  }

  /** The 1-based line of the bad field or entry; 0 when the whole document is at fault. */
  public int line() {
    return line;
  }

  /** The field at fault, or null when it is the entry or the document. */
  public String field() {
    return field;
  }
}
