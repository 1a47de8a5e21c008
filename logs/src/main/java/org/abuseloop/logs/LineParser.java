package org.abuseloop.logs;

import org.abuseloop.core.Event;
import org.abuseloop.core.Service;

/**
 * Turns the lines of one source into events: reads the envelope (the file's own first, then the
 * others, so a file of mixed frames still parses), picks the service parser by the file's service or
 * the line's program, and lets it read the message. Not thread-safe: one per source.
 */
public final class LineParser {

  private final ParserCatalog catalog;
  private final LogFormat format;
  private final TimeReader time;
  private final Message message = new Message();
  private final ServiceParser fixedParser;
  private final byte[] lastProgram = new byte[32];
  private int lastProgramLength = -1;
  private ServiceParser lastProgramParser;
  /** This source's parsers that keep state from line to line (sshd's connection memory); often none. */
  private final ServiceParser[] stateful;
  private boolean usedState;

  public LineParser(ParserCatalog catalog, LogFormat format, TimeReader time, String sourceName) {
    this.catalog = catalog.forSource();
    this.stateful = statefulParsers(catalog, this.catalog);
    this.format = format;
    this.time = time;
    this.message.setFile(sourceName);
    this.fixedParser = format.service() == null ? null : this.catalog.parser(format.service());
  }

  /** The event on line {@code [start, end)} of {@code buf}, or null when the line is not an attack we know. */
  public Event parse(byte[] buf, int start, int end, long lineNumber, long byteOffset) {
    Message m = message;
    m.reset(buf, start, end, lineNumber, byteOffset);
    Envelope envelope = readEnvelope(m, start, end);
    if (envelope == null) {
      return null;
    }
    ServiceParser parser = choose(m, envelope);
    if (stateful.length > 0 && !usedState) {
      noteState(parser);
    }
    if (parser != null) {
      return parser.parse(m);
    }
    return tryAll(m);
  }

  /**
   * True once a line went to a parser that keeps state from line to line: from then on this parser's
   * events may depend on earlier lines, which a chunked parse must take into account.
   */
  boolean usedState() {
    return usedState;
  }

  private void noteState(ServiceParser chosen) {
    if (chosen == null) {
      usedState = true; // every parser tries the line
      return;
    }
    for (ServiceParser p : stateful) {
      usedState |= p == chosen;
    }
  }

  /**
   * The parsers of {@code own} (one source's) that are not the shared, stateless instance of
   * {@code shared} and whose events may depend on earlier lines.
   */
  private static ServiceParser[] statefulParsers(ParserCatalog shared, ParserCatalog own) {
    java.util.List<ServiceParser> out = new java.util.ArrayList<>();
    for (int i = 0; i < own.all().size(); i++) {
      if (own.all().get(i) != shared.all().get(i) && own.all().get(i).followsEarlierLines()) {
        out.add(own.all().get(i));
      }
    }
    return out.toArray(new ServiceParser[0]);
  }

  private Envelope readEnvelope(Message m, int start, int end) {
    if (format.envelope().read(m, time)) {
      return format.envelope();
    }
    for (Envelope e : FormatSniffer.ENVELOPES) {
      if (e != format.envelope()) {
        m.setBounds(start, end);
        if (e.read(m, time)) {
          return e;
        }
      }
    }
    return null;
  }

  private ServiceParser choose(Message m, Envelope envelope) {
    if (fixedParser != null) {
      return fixedParser;
    }
    if (envelope instanceof AsteriskEnvelope) {
      return catalog.parser(Service.ASTERISK);
    }
    return forProgram(m);
  }

  /** The parser for the line's program; the last name looked up is remembered, as runs of lines share it. */
  private ServiceParser forProgram(Message m) {
    int from = m.programStart();
    int n = m.programEnd() - from;
    if (n == lastProgramLength && sameAsLastProgram(m.bytes(), from, n)) {
      return lastProgramParser;
    }
    ServiceParser p = catalog.forProgram(m);
    if (n >= 0 && n <= lastProgram.length) {
      System.arraycopy(m.bytes(), from, lastProgram, 0, n);
      lastProgramLength = n;
      lastProgramParser = p;
    }
    return p;
  }

  /**
   * A name of up to eight bytes in one masked word comparison, a longer one by a plain loop (C1
   * compiles Arrays.equals over ranges into two calls, and a byte loop costs it a few ns a byte).
   */
  private boolean sameAsLastProgram(byte[] b, int from, int n) {
    byte[] last = lastProgram;
    if (n <= 8 && from + 8 <= b.length) {
      long mask = n == 8 ? -1L : (1L << (n << 3)) - 1;
      return ((Bytes.longAt(b, from) ^ Bytes.longAt(last, 0)) & mask) == 0;
    }
    for (int i = 0; i < n; i++) {
      if (b[from + i] != last[i]) {
        return false;
      }
    }
    return true;
  }

  /** A line whose program we do not know (or a frame without one): each parser may claim it. */
  private Event tryAll(Message m) {
    for (ServiceParser p : catalog.all()) {
      Event e = p.parse(m);
      if (e != null) {
        return e;
      }
    }
    return null;
  }
}
