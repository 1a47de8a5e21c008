package org.abuseloop.logs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import org.abuseloop.core.Family;
import org.abuseloop.core.IpAddress;
import org.abuseloop.core.Origin;

/**
 * The message part of one log line (after timestamp, host and program) with the line's time and
 * origin: what a {@link ServiceParser} reads. Reused from line to line by one reader, so not
 * thread-safe; positions are absolute indexes into {@link #bytes()}, within {@code [start, end)}.
 */
public final class Message {

  private static final boolean[] ADDRESS_CHARS = addressChars();

  private byte[] buf;
  private int start;
  private int end;
  private int programStart;
  private int programEnd;
  private long epochSecond;
  private int nanos;
  private ZoneOffset offset = ZoneOffset.UTC;
  private String file = "-";
  private long lineNumber;
  private long byteOffset;
  /** The name {@link #programIs} was last asked about, and its bytes. */
  private String lastProgramName;
  private byte[] lastProgramBytes;
  /** The instant made last, reused by events of the same time. */
  private Instant lastTime;
  /** The addresses this source's lines wrote, by their text (see {@link #address}). */
  private final AddressCache addresses = new AddressCache();
  /** The host and program tokens of this source's last syslog line. */
  private final HostAndProgram hostAndProgram = new HostAndProgram();

  /** Points this view at a new line; the envelope then sets time, program and message bounds. */
  void reset(byte[] buf, int start, int end, long lineNumber, long byteOffset) {
    this.buf = buf;
    this.start = start;
    this.end = end;
    this.lineNumber = lineNumber;
    this.byteOffset = byteOffset;
    this.programStart = 0;
    this.programEnd = 0;
  }

  void setFile(String file) {
    this.file = file;
  }

  void setBounds(int start, int end) {
    this.start = start;
    this.end = end;
  }

  void setProgram(int from, int to) {
    this.programStart = from;
    this.programEnd = to;
  }

  void setTime(long epochSecond, int nanos, ZoneOffset offset) {
    this.epochSecond = epochSecond;
    this.nanos = nanos;
    this.offset = offset;
  }

  public byte[] bytes() {
    return buf;
  }

  /** Index of the message's first byte. */
  public int start() {
    return start;
  }

  /** Index after the message's last byte. */
  public int end() {
    return end;
  }

  public int length() {
    return end - start;
  }

  public byte byteAt(int i) {
    return buf[i];
  }

  /** The syslog program name (without {@code [pid]}) or an empty range when the envelope has none. */
  public boolean programIs(String name) {
    int n = programEnd - programStart;
    if (n != name.length()) {
      return false;
    }
    if (name != lastProgramName) {
      // Parsers pass constants: the bytes of the last name asked for are kept (one name per parser, mostly).
      lastProgramBytes = StandardCharsets.US_ASCII.newEncoder().canEncode(name) ? name.getBytes(StandardCharsets.US_ASCII) : null;
      lastProgramName = name;
    }
    byte[] p = lastProgramBytes;
    if (p == null) {
      return false; // a byte of the line never equals a character beyond ASCII (bytes are signed)
    }
    for (int i = 0; i < n; i++) {
      if (buf[programStart + i] != p[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * As {@link #programIs(String)} for a name kept as a {@link Needle}: a byte comparison, for parsers
   * that check the program on every line.
   */
  public boolean programIs(Needle name) {
    return programEnd - programStart == name.bytes.length && name.matches(buf, programStart);
  }

  public String program() {
    return programEnd > programStart ? ascii(programStart, programEnd) : "";
  }

  /**
   * The process id the envelope wrote after the program name ({@code sshd[1234]:}, or RFC 5424's
   * PROCID), or -1 when the line has none. Parsers that follow one connection across lines key on it.
   */
  public long processId() {
    if (programEnd <= programStart) {
      return -1;
    }
    int i = programEnd;
    if (i >= end || (buf[i] != '[' && buf[i] != ' ')) {
      return -1;
    }
    byte close = buf[i] == '[' ? (byte) ']' : (byte) ' ';
    long pid = 0;
    int digits = 0;
    for (i++; i < end && buf[i] >= '0' && buf[i] <= '9'; i++) {
      if (++digits > 12) {
        return -1;
      }
      pid = pid * 10 + (buf[i] - '0');
    }
    return digits > 0 && i < end && buf[i] == close ? pid : -1;
  }

  /** The host and program tokens of this source's last syslog line (for {@link SyslogEnvelope}). */
  HostAndProgram hostAndProgram() {
    return hostAndProgram;
  }

  int programStart() {
    return programStart;
  }

  int programEnd() {
    return programEnd;
  }

  /** The line's instant; lines of one second share one (immutable) instance. */
  public Instant time() {
    Instant t = lastTime;
    if (t == null || t.getEpochSecond() != epochSecond || t.getNano() != nanos) {
      t = Instant.ofEpochSecond(epochSecond, nanos);
      lastTime = t;
    }
    return t;
  }

  /** The line's time in whole seconds since the epoch: {@code time().getEpochSecond()} without the Instant. */
  public long epochSecond() {
    return epochSecond;
  }

  public ZoneOffset offset() {
    return offset;
  }

  public long lineNumber() {
    return lineNumber;
  }

  public Origin origin() {
    return new Origin(file, lineNumber, byteOffset);
  }

  /** First index {@code >= from} where {@code needle} starts inside the message, or -1. */
  public int indexOf(Needle needle, int from) {
    byte[] n = needle.bytes;
    int stop = end - n.length + 1;
    int i = Math.max(from, start);
    if (n.length == 1) {
      return i < stop ? Bytes.indexOf(buf, i, stop, n[0], needle.firstBytes) : -1;
    }
    // Candidates for the first two bytes come eight positions at a time; the rest is compared in place.
    for (; i < stop; i++) {
      i = Bytes.indexOfPair(buf, i, stop, n[0], n[1], needle.firstBytes, needle.secondBytes);
      if (i < 0) {
        return -1;
      }
      if (needle.matches(buf, i)) {
        return i;
      }
    }
    return -1;
  }

  /** Last index where {@code needle} starts, no later than {@code before - needle.length()}, or -1. */
  public int lastIndexOf(Needle needle, int before) {
    byte[] n = needle.bytes;
    int to = Math.min(before, end) - n.length + 1;
    if (n.length == 1) {
      return to > start ? Bytes.lastIndexOf(buf, start, to, n[0]) : -1;
    }
    // Candidates for the first two bytes come eight positions at a time, from the end.
    while (to > start) {
      int i = Bytes.lastIndexOfPair(buf, start, to, n[0], n[1], needle.firstBytes, needle.secondBytes);
      if (i < 0 || needle.matches(buf, i)) {
        return i;
      }
      to = i;
    }
    return -1;
  }

  /** The last occurrence in the whole message. */
  public int lastIndexOf(Needle needle) {
    return lastIndexOf(needle, end);
  }

  /** First index {@code >= from} holding {@code b}, or -1. */
  public int indexOf(byte b, int from) {
    int f = Math.max(from, start);
    return f >= end ? -1 : Bytes.indexOf(buf, f, end, b);
  }

  /** Last index {@code < before} holding {@code b}, or -1. */
  public int lastIndexOf(byte b, int before) {
    int to = Math.min(before, end);
    return to > start ? Bytes.lastIndexOf(buf, start, to, b) : -1;
  }

  /** True when {@code needle} stands at index {@code at}. */
  public boolean matchesAt(int at, Needle needle) {
    return at >= start && at + needle.bytes.length <= end && needle.matches(buf, at);
  }

  public boolean startsWith(Needle needle) {
    return matchesAt(start, needle);
  }

  public boolean endsWith(Needle needle) {
    return matchesAt(end - needle.bytes.length, needle);
  }

  /** True when the message ends with {@code needle}, ignoring trailing spaces and tabs. */
  public boolean endsWithTrimmed(Needle needle) {
    int e = end;
    while (e > start && (buf[e - 1] == ' ' || buf[e - 1] == '\t')) {
      e--;
    }
    return matchesAt(e - needle.bytes.length, needle);
  }


  /** Index after the run of address characters (hex digits, '.', ':') starting at {@code from}. */
  public int addressEnd(int from) {
    int i = from;
    while (i < end && isAddressChar(buf[i])) {
      i++;
    }
    return i;
  }

  /** Index of the first byte of the run of address characters that ends just before {@code to}. */
  public int addressStart(int to) {
    int i = to;
    while (i > start && isAddressChar(buf[i - 1])) {
      i--;
    }
    return i;
  }

  /** A table rather than five comparisons: small enough for C1 to inline into the scans above. */
  private static boolean isAddressChar(byte c) {
    return ADDRESS_CHARS[c & 0xFF];
  }

  private static boolean[] addressChars() {
    boolean[] t = new boolean[256];
    for (int c = 0; c < 256; c++) {
      t[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':';
    }
    return t;
  }

  /**
   * The address in {@code [from, to)}, or null when the range is not exactly one address. A text this
   * source wrote before gives the same (immutable) instance again.
   */
  public IpAddress address(int from, int to) {
    return from < start || to > end ? null : addresses.parse(buf, from, to);
  }

  /**
   * The IPv4 address with these 32 bits (as a parser that read a dotted quad itself has them): the
   * instance this source's lines gave before when there is one, as {@link #address} does.
   */
  public IpAddress ipv4(int bits) {
    return addresses.ipv4(bits);
  }

  /** The decimal number in {@code [from, to)}, or -1 when it is not one (or exceeds 9 digits). */
  public int number(int from, int to) {
    if (from >= to || to - from > 9 || from < start || to > end) {
      return -1;
    }
    int v = 0;
    for (int i = from; i < to; i++) {
      int d = buf[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  /** Index after the run of decimal digits starting at {@code from}. */
  public int digitsEnd(int from) {
    int i = from;
    while (i < end && buf[i] >= '0' && buf[i] <= '9') {
      i++;
    }
    return i;
  }

  /** A port number in {@code [from, to)} (1..65535), or 0 when it is not one. */
  public int port(int from, int to) {
    int p = number(from, to);
    return p > 0 && p <= 65535 ? p : 0;
  }

  /**
   * Attacker-controlled text in {@code [from, to)} (a user name, an extension) as a String: decoded as
   * UTF-8 with invalid bytes replaced, control characters replaced by '?', cut at 256 characters.
   */
  public String text(int from, int to) {
    int f = Math.max(from, start);
    int t = Math.min(to, end);
    if (f >= t) {
      return "";
    }
    int printable = printableAscii(f, Math.min(t, f + 256));
    if (printable >= 0) {
      // Printable ASCII decodes to itself and needs no replacing: the common case, copied as Latin-1.
      return new String(buf, f, printable - f, StandardCharsets.ISO_8859_1);
    }
    String s = new String(buf, f, Math.min(t - f, 1024), StandardCharsets.UTF_8);
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        if (sb == null) {
          sb = new StringBuilder(s);
        }
        sb.setCharAt(i, '?');
      }
    }
    String clean = sb == null ? s : sb.toString();
    return clean.length() > 256 ? clean.substring(0, 256) : clean;
  }

  /** {@code to} when every byte of {@code [from, to)} is printable ASCII (0x20 to 0x7E), else -1. */
  private int printableAscii(int from, int to) {
    for (int i = from; i < to; i++) {
      int c = buf[i];
      if (c < 0x20 || c == 0x7F) {
        return -1; // (bytes from 0x80 up are negative here)
      }
    }
    return to;
  }

  /** ASCII text of a range the service wrote itself (no sanitising beyond the byte-to-char cast). */
  public String ascii(int from, int to) {
    return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
  }

  /** The whole message as text, for error messages and debugging. */
  @Override
  public String toString() {
    return buf == null ? "" : text(start, end);
  }

  /** Starts an event of this family at this line's time and origin. */
  public EventDraft event(Family family) {
    return new EventDraft(this, family);
  }
}
